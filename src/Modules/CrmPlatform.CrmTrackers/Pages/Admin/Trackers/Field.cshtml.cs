using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.CrmTrackers.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.CrmTrackers.Pages.Admin.Trackers;

/// <summary>The field form: options are typed one per line and sent to the shared use case as a JSON array.</summary>
public sealed class FieldForm
{
    public string? Name { get; set; }
    public string? Label { get; set; }
    public string? Type { get; set; } = "text";
    public bool IsRequired { get; set; }
    public string? Options { get; set; }
    public string? Placeholder { get; set; }
    public string? HelpText { get; set; }
}

[Authorize(Policy = "Trackers.Manage")]
internal sealed class FieldEditModel(Features.Trackers trackers, Fields fields) : PageModel
{
    [BindProperty]
    public FieldForm Form { get; set; } = new();

    [FromRoute]
    public Guid? FieldId { get; set; }

    public TrackerDto Tracker { get; private set; } = default!;
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string? Error(string key) => Errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await trackers.GetAsync(id, ct) is not { } tracker)
        {
            return NotFound();
        }
        Tracker = tracker;
        if (FieldId is { } fieldId)
        {
            var field = tracker.Fields.FirstOrDefault(f => f.Id == fieldId);
            if (field is null)
            {
                return NotFound();
            }
            Form = new FieldForm
            {
                Name = field.Name, Label = field.Label, Type = field.Type.ToName(), IsRequired = field.IsRequired,
                Options = field.Options is null ? null : string.Join('\n', field.Options), Placeholder = field.Placeholder, HelpText = field.HelpText,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await trackers.GetAsync(id, ct) is not { } tracker)
        {
            return NotFound();
        }
        Tracker = tracker;
        var input = new FieldInput
        {
            Name = Form.Name?.Trim(), Label = Form.Label, Type = Form.Type, IsRequired = Form.IsRequired,
            Options = FieldOptions.FromLines(Form.Options), Placeholder = Form.Placeholder, HelpText = Form.HelpText,
        };
        var result = FieldId is { } fieldId ? await fields.UpdateAsync(id, fieldId, input, ct) : await fields.CreateAsync(id, input, ct);
        if (result.Kind == Core.Api.ResultKind.NotFound)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            return Page();
        }
        TempData["Status"] = $"Field {result.Value!.Label} saved.";
        return Redirect($"/admin/trackers/edit/{id}");
    }
}
