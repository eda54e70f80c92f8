using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orders.Grains.Payments;
using Orders.Silo.Hosting;

namespace Orders.Tests.Infrastructure;

/// <summary>Test silos are configured by the same extension as production silos.</summary>
public sealed class OrdersSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        // One simulated provider's books for every silo, so tests can count charges wherever they
        // ran; a cluster started with SeparateBooks keeps them per silo, as production does.
        if (!siloBuilder.Configuration.GetValue<bool>(TestPayments.SeparateBooks))
            siloBuilder.Services.AddSingleton(TestPayments.Ledger);
        // Registered first, so the payments' own registration keeps it (AddPayments).
        siloBuilder.Services.AddSingleton<SimulatedPaymentProvider>();
        siloBuilder.Services.AddSingleton<IPaymentProvider, GatedPayments>();
        siloBuilder.Services.AddSingleton<IIncomingGrainCallFilter>(InjectedFaults.Instance);
        siloBuilder.Services.AddSingleton<IIncomingGrainCallFilter>(VouchWitness.Instance);
        SiloLogs.KeepOrders(siloBuilder.Services);
        // Durable timers in tests are seconds apart; production keeps the reminder service's minute.
        // A timer set through a silo in its last moments is written to the reminder table by that
        // silo's reminder service, which no longer owns it; the new owner loads it on its next
        // refresh of the table (Orleans' LocalReminderService: "persist it here, but let the
        // current owner load it"), five minutes in production, seconds here, like the kill itself.
        siloBuilder.Services.Configure<ReminderOptions>(reminders =>
        {
            reminders.MinimumReminderPeriod = TimeSpan.FromSeconds(1);
            reminders.RefreshReminderListPeriod = TimeSpan.FromSeconds(5);
        });
        // A killed silo is declared dead in a few seconds rather than the production default's half minute.
        siloBuilder.Services.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = TimeSpan.FromSeconds(1);
            membership.NumMissedProbesLimit = 2;
            membership.NumVotesForDeathDeclaration = 1;
        });
        siloBuilder.AddOrders();
    }
}
