global using System.Collections.Immutable;
global using Orleans.TestingHost;
global using Orders.Grains;
global using Orders.Tests.Infrastructure;
global using Xunit;
