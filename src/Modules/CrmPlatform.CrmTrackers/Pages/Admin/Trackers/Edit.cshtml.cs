using CrmPlatform.CrmTrackers.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.CrmTrackers.Pages.Admin.Trackers;

[Authorize(Policy = "Trackers.Manage")]
internal sealed class TrackerEditModel(Features.Trackers trackers, Fields fields) : PageModel
{
    [BindProperty]
    public TrackerInput Input { get; set; } = new();

    public TrackerDto? Tracker { get; private set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string? Error(string key) => Errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is { } trackerId)
        {
            Tracker = await trackers.GetAsync(trackerId, ct);
            if (Tracker is null)
            {
                return NotFound();
            }
            Input = new TrackerInput { Name = Tracker.Name, Description = Tracker.Description, IsActive = Tracker.IsActive };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid? id, CancellationToken ct)
    {
        var result = id is { } trackerId ? await trackers.UpdateAsync(trackerId, Input, ct) : await trackers.CreateAsync(Input, ct);
        if (result.Kind == Core.Api.ResultKind.NotFound)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            Tracker = id is null ? null : await trackers.GetAsync(id.Value, ct);
            return Page();
        }
        TempData["Status"] = "Tracker saved.";
        return Redirect($"/admin/trackers/edit/{result.Value!.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        var result = await trackers.DeleteAsync(id, ct);
        if (result.Kind == Core.Api.ResultKind.NotFound)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            TempData["Error"] = string.Join(" ", result.Errors.SelectMany(e => e.Value));
            return Redirect($"/admin/trackers/edit/{id}");
        }
        TempData["Status"] = "Tracker deleted.";
        return Redirect("/admin/trackers");
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid id, Guid fieldId, bool up, CancellationToken ct)
    {
        var result = await fields.MoveAsync(id, fieldId, up, ct);
        return result.Kind == Core.Api.ResultKind.NotFound ? NotFound() : Redirect($"/admin/trackers/edit/{id}");
    }

    /// <summary>Drag and drop (fields.js) posts the new order; answers 204 or a problem.</summary>
    public async Task<IActionResult> OnPostReorderAsync(Guid id, [FromForm] List<Guid> fieldIds, CancellationToken ct)
    {
        var result = await fields.ReorderAsync(id, fieldIds, ct);
        return result.Kind switch
        {
            Core.Api.ResultKind.Ok => new NoContentResult(),
            Core.Api.ResultKind.NotFound => NotFound(),
            _ => BadRequest(new ValidationProblemDetails(result.Errors.ToDictionary())),
        };
    }

    public async Task<IActionResult> OnPostDeleteFieldAsync(Guid id, Guid fieldId, CancellationToken ct)
    {
        if (!await fields.DeleteAsync(id, fieldId, ct))
        {
            return NotFound();
        }
        TempData["Status"] = "Field deleted.";
        return Redirect($"/admin/trackers/edit/{id}");
    }
}
