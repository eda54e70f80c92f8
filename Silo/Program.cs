using Orders.Silo.Hosting;

// A cluster silo. Needs ConnectionStrings__Orders; without it the silo runs alone in dev mode.
return await SiloProcess.Run(args, Console.Error);
