using CrmPlatform.Contacts.Features;
using CrmPlatform.Contacts.Features.Merging;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Contacts.Pages.Admin.Contacts;

[Authorize(Policy = "Contacts.Merge")]
public sealed class MergeModel(ContactMerge merge) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid SurvivorId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid MergedId { get; set; }

    /// <summary>Field → "survivor" or "merged": where each field's value comes from.</summary>
    [BindProperty] public Dictionary<string, string> Choice { get; set; } = [];

    public MergePreview? Preview { get; private set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await merge.MergeAsync(SurvivorId, new MergeRequest(MergedId, Choice.Where(c => c.Value == "merged").Select(c => c.Key).ToList()), ct);
        if (result.Succeeded)
        {
            TempData["Status"] = "The contacts were merged.";
            return Redirect(ContactRules.PageUrl(SurvivorId));
        }
        if (result.Kind == Core.Api.ResultKind.NotFound || !await LoadAsync(ct))
        {
            return NotFound();
        }
        Errors = result.Errors;
        return Page();
    }

    public static string Show(object? value) => value switch
    {
        null => "—",
        Data.ContactType t => t.ToString().ToLowerInvariant(),
        _ => value.ToString() is { Length: > 0 } s ? s : "—",
    };

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var preview = await merge.PreviewAsync(SurvivorId, MergedId, ct);
        Preview = preview.Value;
        return preview.Succeeded;
    }
}
