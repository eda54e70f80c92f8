global using System.Collections.Immutable;
global using Orleans.Concurrency;
global using Orleans.GrainDirectory;
global using Orleans.Runtime;
global using Orleans.Streams;
global using Orleans.Streams.Core;
