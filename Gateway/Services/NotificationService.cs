using Orders.Grains.Customers;

namespace Orders.Gateway.Services;

public sealed class NotificationService(IGrainFactory grains) : V1.NotificationService.NotificationServiceBase
{
    public override async Task<V1.ListNotificationsResponse> ListNotifications(
        V1.ListNotificationsRequest request, ServerCallContext context)
    {
        var customerId = Require.Id(request.CustomerId, "customer_id");
        var page = Page.From(request.PageSize, request.PageToken);
        Caller.Of(context).ActsAs(Roles.Customer, customerId);
        var (notifications, next) = page.Of(await grains.Reference<ICustomerGrain>(customerId).Notifications(), notification => notification.Id.ToString());
        return new V1.ListNotificationsResponse
        {
            Notifications = { notifications.Select(notification => notification.ToProto()) },
            NextPageToken = next,
        };
    }
}
