using System.Data.Common;
using Orders.Grains.Payments;

namespace Orders.Gateway.Errors;

/// <summary>Failures that may pass: trouble with the cluster, the database or the payment provider.</summary>
public static class Outages
{
    public static bool Is(Exception failure) =>
        failure is OrleansException or TimeoutException or DbException or OperationCanceledException or PaymentProviderUnavailableException;
}
