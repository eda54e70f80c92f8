namespace Orders.Grains.Payments;

public enum PaymentStatus
{
    /// <summary>No payment was asked for under this order id.</summary>
    None = 0,
    /// <summary>Asked for; the provider has not answered yet (it may be retried).</summary>
    Charging = 1,
    Charged = 2,
    Declined = 3,
    /// <summary>The refund found nothing charged under the order id and voided the key: no charge can follow.</summary>
    Voided = 4,
    /// <summary>
    /// The order ended after a charge was made or asked for: the refund by the order id is being
    /// made (it may be retried). It ends Refunded, or Voided when the provider took nothing.
    /// </summary>
    Refunding = 5,
    Refunded = 6,
}
