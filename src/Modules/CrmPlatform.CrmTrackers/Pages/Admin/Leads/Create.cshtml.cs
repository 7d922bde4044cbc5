using CrmPlatform.CrmTrackers.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.CrmTrackers.Pages.Admin.Leads;

[Authorize(Policy = "Leads.Create")]
internal sealed class LeadCreateModel(Features.Trackers trackers, LeadWriter writer, LeadPickers pickers, LeadAccess access) : PageModel
{
    [BindProperty]
    public LeadForm Form { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public Guid? TrackerId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? ContactId { get; set; }

    public TrackerDto? Tracker { get; private set; }
    public IReadOnlyList<TrackerDto> Trackers { get; private set; } = [];
    public LeadFormView View { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Form.ContactEmail ??= (await pickers.ContactAsync(ContactId, ct))?.Email;
        View = await ViewAsync(new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, string[]>(), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Tracker is null)
        {
            return NotFound();
        }
        var posted = LeadFormBinding.Posted(Request.Form, Tracker.Fields);
        var contact = await pickers.ContactByEmailAsync(Form.ContactEmail, ct);
        var input = LeadFormBinding.ToInput(Form, contact?.Id, Tracker.Id, LeadFormBinding.Typed(posted, Tracker.Fields));
        var result = await writer.CreateAsync(input, ct);
        if (!result.Succeeded)
        {
            var errors = result.Errors.ToDictionary();
            if (contact is null && !string.IsNullOrWhiteSpace(Form.ContactEmail))
            {
                errors["contactId"] = [$"No contact has the email {Form.ContactEmail}."];
            }
            View = await ViewAsync(posted, errors, ct);
            return Page();
        }
        TempData["Status"] = "Lead created.";
        return Redirect($"/admin/leads/{result.Value}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (TrackerId is { } id)
        {
            Tracker = await trackers.GetAsync(id, ct);
            return Tracker is not null;
        }
        Trackers = await trackers.ListAsync(activeOnly: true, ct);
        return true;
    }

    private async Task<LeadFormView> ViewAsync(IReadOnlyDictionary<string, IReadOnlyList<string>> values, IReadOnlyDictionary<string, string[]> errors, CancellationToken ct)
    {
        var assignees = await access.HasAsync(CrmTrackersPermissions.Assign, ct) ? await pickers.AssigneesAsync(ct) : null;
        return new LeadFormView(Form, Tracker?.Fields ?? [], values, errors, assignees, "Create lead", Tracker is null ? "/admin/trackers" : $"/admin/trackers/{Tracker.Id}/board");
    }
}
