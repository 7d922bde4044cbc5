using CrmPlatform.Contacts.Data;
using CrmPlatform.Contacts.Features;
using CrmPlatform.Core.Display;
using CrmPlatform.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Contacts.Parts;

/// <summary>The dashboard card: how many contacts the user can see, the newest ones, and their due activities.</summary>
internal sealed class ContactsDashboardPart : IDisplayPart
{
    public string Target => DisplayTargets.Dashboard;
    public string Title => "Contacts";
    public int Position => 10;
    public Permission? Permission => ContactsPermissions.View;
    public Type ViewComponent => typeof(ContactsDashboardViewComponent);
}

public sealed record ContactsDashboard(int Count, IReadOnlyList<ContactDto> Recent, IReadOnlyList<ActivityDto> Due);

public sealed class ContactsDashboardViewComponent(ContactAccess access, ActivityCommands activities) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(DisplayContext context)
    {
        var ct = HttpContext.RequestAborted;
        var visible = await access.VisibleAsync(false, ct);
        var count = await visible.CountAsync(ct);
        var recent = await visible.AsNoTracking().OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(5).Select(ContactDto.Projection).ToListAsync(ct);
        var mine = await activities.MineAsync(ct);
        var due = mine.Overdue.Concat(mine.Today).Take(5).ToList();
        return View("/Pages/Shared/Components/ContactsDashboard/Default.cshtml", new ContactsDashboard(count, recent, due));
    }
}
