using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.CrmTrackers.Features;
using CrmPlatform.Core.Display;
using CrmPlatform.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.CrmTrackers.Parts;

/// <summary>The contact page's "Leads" part: that contact's leads the viewer may see.</summary>
internal sealed class ContactLeadsPart : IDisplayPart
{
    public string Target => DisplayTargets.Contact;
    public string Title => "Leads";
    public int Position => 20;
    public Permission? Permission => CrmTrackersPermissions.View;
    public Type ViewComponent => typeof(ContactLeadsViewComponent);
}

/// <summary>The dashboard's pipeline card: open leads and their value by status.</summary>
internal sealed class PipelineDashboardPart : IDisplayPart
{
    public string Target => DisplayTargets.Dashboard;
    public string Title => "Pipeline";
    public int Position => 20;
    public Permission? Permission => CrmTrackersPermissions.View;
    public Type ViewComponent => typeof(PipelineDashboardViewComponent);
}

public sealed record ContactLeadItem(Guid Id, string Title, LeadStatus Status, decimal? EstimatedValue, string TrackerName, DateTime? ExpectedCloseDate);

public sealed record ContactLeadsModel(Guid? ContactId, IReadOnlyList<ContactLeadItem> Leads, bool CanCreate);

public sealed record DashboardFigure(LeadStatus Status, int Count, decimal Total);

public sealed class ContactLeadsViewComponent(LeadAccess access) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(DisplayContext context)
    {
        var ct = HttpContext.RequestAborted;
        IReadOnlyList<ContactLeadItem> leads = [];
        if (context.EntityId is { } contactId)
        {
            leads = await (await access.LeadsAsync(ct)).AsNoTracking().Where(l => l.ContactId == contactId)
                .OrderByDescending(l => l.CreatedAt).Take(100)
                .Select(l => new ContactLeadItem(l.Id, l.Title, l.Status, l.EstimatedValue, l.Tracker!.Name, l.ExpectedCloseDate))
                .ToListAsync(ct);
        }
        var canCreate = await access.HasAsync(CrmTrackersPermissions.Create, ct);
        return View("/Pages/Shared/Components/ContactLeads.cshtml", new ContactLeadsModel(context.EntityId, leads, canCreate));
    }
}

public sealed class PipelineDashboardViewComponent(LeadAccess access) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(DisplayContext context)
    {
        _ = context;
        var ct = HttpContext.RequestAborted;
        var rows = await (await access.LeadsAsync(ct)).AsNoTracking()
            .Where(l => l.Status != LeadStatus.ClosedWon && l.Status != LeadStatus.ClosedLost)
            .GroupBy(l => l.Status)
            .Select(g => new { g.Key, Count = g.Count(), Total = g.Sum(l => l.EstimatedValue) })
            .ToListAsync(ct);
        var figures = LeadStatuses.All.Where(s => s.IsOpen())
            .Select(s => rows.FirstOrDefault(r => r.Key == s) is { } r ? new DashboardFigure(s, r.Count, Math.Round(r.Total ?? 0, 2)) : new DashboardFigure(s, 0, 0))
            .ToList();
        return View("/Pages/Shared/Components/PipelineDashboard.cshtml", figures);
    }
}
