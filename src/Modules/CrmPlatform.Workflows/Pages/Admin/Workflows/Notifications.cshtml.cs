using CrmPlatform.Core.Security;
using CrmPlatform.Workflows.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Workflows.Pages.Admin.Workflows;

[Authorize(Policy = "Admin.Access")]
public sealed class NotificationsModel(IServiceProvider services, ICurrentUser user) : PageModel
{
    public IReadOnlyList<NotificationDto> Notifications { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Notifications = user.Id is { } id ? await services.GetRequiredService<NotificationQueries>().ForUserAsync(id, ct) : [];
}
