using Orders.Silo.Hosting;

namespace Orders.Tests.Infrastructure;

/// <summary>Test silos are configured by the same extension as production silos.</summary>
public sealed class OrdersSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddOrders();
}
