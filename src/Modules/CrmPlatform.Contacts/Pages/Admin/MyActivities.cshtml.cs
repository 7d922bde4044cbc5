using CrmPlatform.Contacts.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Contacts.Pages.Admin;

[Authorize(Policy = ContactsPermissions.Names.View)]
public sealed class MyActivitiesModel(ActivityCommands activities) : PageModel
{
    public MyActivities Agenda { get; private set; } = new([], [], [], []);
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Agenda = await activities.MineAsync(ct);
        Zone = await activities.ZoneAsync(ct);
    }

    public string Local(DateTime? utc) => utc is { } value ? TimeZoneInfo.ConvertTimeFromUtc(value, Zone).ToString("yyyy-MM-dd HH:mm") : "";
}
