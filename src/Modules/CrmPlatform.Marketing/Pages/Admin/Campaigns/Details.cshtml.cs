using System.Text.Json;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Security;
using CrmPlatform.Marketing.Data;
using CrmPlatform.Marketing.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Marketing.Pages.Admin.Campaigns;

/// <summary>The campaign page: counters and rates, the timeline chart, the messages (filterable), and the send actions.</summary>
[Authorize(Policy = "Campaigns.ViewAnalytics")]
public sealed class CampaignDetailsModel(CampaignQueries queries, CampaignLauncher launcher, CampaignCommands commands, PermissionService permissions) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromQuery] public string? Status { get; set; }
    [FromQuery] public string? Cursor { get; set; }
    public CampaignDto Campaign { get; private set; } = null!;
    public CursorPage<MessageDto> Messages { get; private set; } = new([], null);
    public string? Chart { get; private set; }
    public bool CanSend { get; private set; }
    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await queries.GetAsync(Id, ct) is not { } campaign)
        {
            return NotFound();
        }
        Campaign = campaign;
        CanSend = await permissions.HasAsync(User, MarketingPermissions.Send.Name, ct);
        CanManage = await permissions.HasAsync(User, MarketingPermissions.Manage.Name, ct);
        MessageStatus? status = EnumNames.TryParse<MessageStatus>(Status, out var s) ? s : null;
        Messages = await queries.MessagesAsync(Id, status, Cursor, 50, ct) ?? await queries.MessagesAsync(Id, status, null, 50, ct) ?? new([], null);
        if (await queries.TimelineAsync(Id, ct) is { Labels.Count: > 0 } timeline)
        {
            Chart = JsonSerializer.Serialize(new
            {
                type = "line",
                data = new
                {
                    labels = timeline.Labels,
                    datasets = new object[]
                    {
                        new { label = "Sent", data = timeline.Sent, borderColor = "#0d6efd", backgroundColor = "#0d6efd", tension = 0.2 },
                        new { label = "Opened", data = timeline.Opened, borderColor = "#198754", backgroundColor = "#198754", tension = 0.2 },
                        new { label = "Clicked", data = timeline.Clicked, borderColor = "#fd7e14", backgroundColor = "#fd7e14", tension = 0.2 },
                    },
                },
                options = new { responsive = true, maintainAspectRatio = false, scales = new { y = new { beginAtZero = true, ticks = new { precision = 0 } } } },
            });
        }
        return Page();
    }

    public Task<IActionResult> OnPostSendAsync(CancellationToken ct) => ActAsync(MarketingPermissions.Send, async () =>
    {
        var result = await launcher.SendAsync(Id, ct);
        return (result.Kind, result.Errors, result.Value?.Status == CampaignStatus.Scheduled ? "Campaign scheduled." : $"Campaign started: {result.Value?.TotalRecipients} recipients.");
    });

    public Task<IActionResult> OnPostPauseAsync(CancellationToken ct) => ActAsync(MarketingPermissions.Send, async () =>
    {
        var result = await launcher.PauseAsync(Id, ct);
        return (result.Kind, result.Errors, "Campaign paused.");
    });

    public Task<IActionResult> OnPostResumeAsync(CancellationToken ct) => ActAsync(MarketingPermissions.Send, async () =>
    {
        var result = await launcher.ResumeAsync(Id, ct);
        return (result.Kind, result.Errors, "Campaign resumed.");
    });

    public Task<IActionResult> OnPostCancelAsync(CancellationToken ct) => ActAsync(MarketingPermissions.Send, async () =>
    {
        var result = await launcher.CancelAsync(Id, ct);
        return (result.Kind, result.Errors, "Campaign cancelled.");
    });

    public Task<IActionResult> OnPostRetryAsync(CancellationToken ct) => ActAsync(MarketingPermissions.Send, async () =>
    {
        var result = await launcher.RetryFailedAsync(Id, ct);
        return (result.Kind, result.Errors, $"{result.Value} failed messages queued again.");
    });

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (!await permissions.HasAsync(User, MarketingPermissions.Manage.Name, ct))
        {
            return Forbid();
        }
        var result = await commands.DeleteAsync(Id, ct);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            TempData["Error"] = string.Join(" ", result.Errors.SelectMany(e => e.Value));
            return Redirect($"/admin/campaigns/{Id}");
        }
        TempData["Status"] = "Campaign deleted.";
        return Redirect("/admin/campaigns");
    }

    private async Task<IActionResult> ActAsync(Permission permission, Func<Task<(ResultKind Kind, IReadOnlyDictionary<string, string[]> Errors, string Done)>> action)
    {
        if (!await permissions.HasAsync(User, permission.Name, HttpContext.RequestAborted))
        {
            return Forbid();
        }
        var (kind, errors, done) = await action();
        if (kind == ResultKind.NotFound)
        {
            return NotFound();
        }
        if (kind == ResultKind.Ok)
        {
            TempData["Status"] = done;
        }
        else
        {
            TempData["Error"] = string.Join(" ", errors.SelectMany(e => e.Value));
        }
        return Redirect($"/admin/campaigns/{Id}");
    }
}
