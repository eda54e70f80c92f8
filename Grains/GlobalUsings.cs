global using System.Collections.Immutable;
global using Orleans.Runtime;
