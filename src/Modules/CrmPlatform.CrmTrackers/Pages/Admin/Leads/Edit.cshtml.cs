using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.CrmTrackers.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.CrmTrackers.Pages.Admin.Leads;

/// <summary>Edits a lead in scope; the assignment is changed on the lead page (it needs Leads.Assign).</summary>
[Authorize(Policy = "Leads.Edit")]
internal sealed class LeadEditModel(LeadDetailsQuery query, LeadWriter writer, LeadPickers pickers) : PageModel
{
    [BindProperty]
    public LeadForm Form { get; set; } = new();

    public LeadFormView View { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await query.DetailsAsync(id, ct) is not { } details)
        {
            return NotFound();
        }
        var lead = details.Lead;
        Form = new LeadForm
        {
            Title = lead.Title, Description = lead.Description, Status = lead.Status.ToName(), EstimatedValue = lead.EstimatedValue,
            ExpectedCloseDate = lead.ExpectedCloseDate, ContactEmail = lead.ContactEmail,
        };
        View = Build(details, LeadFormBinding.FromStored(details.Fields), new Dictionary<string, string[]>());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await query.DetailsAsync(id, ct) is not { } details)
        {
            return NotFound();
        }
        var fields = FieldsOf(details);
        var posted = LeadFormBinding.Posted(Request.Form, fields);
        var contact = await pickers.ContactByEmailAsync(Form.ContactEmail, ct);
        Form.AssignedToId = details.Lead.AssignedToId;
        var input = LeadFormBinding.ToInput(Form, contact?.Id, details.Lead.TrackerId, LeadFormBinding.Typed(posted, fields));
        var result = await writer.UpdateAsync(id, input, ct);
        if (result.Kind == Core.Api.ResultKind.NotFound)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            var errors = result.Errors.ToDictionary();
            if (contact is null && !string.IsNullOrWhiteSpace(Form.ContactEmail))
            {
                errors["contactId"] = [$"No contact has the email {Form.ContactEmail}."];
            }
            View = Build(details, posted, errors);
            return Page();
        }
        TempData["Status"] = "Lead saved.";
        return Redirect($"/admin/leads/{id}");
    }

    private static List<FieldDto> FieldsOf(LeadDetails details) => [.. details.FieldDefinitions];

    private LeadFormView Build(LeadDetails details, IReadOnlyDictionary<string, IReadOnlyList<string>> values, IReadOnlyDictionary<string, string[]> errors) =>
        new(Form, FieldsOf(details), values, errors, null, "Save lead", $"/admin/leads/{details.Lead.Id}");
}
