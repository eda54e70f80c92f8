global using System.Collections.Immutable;
global using Grpc.Core;
global using Orders.Gateway.Errors;
global using Orders.Gateway.Mapping;
global using Orders.Grains;
global using Orders.Gateway.Access;
