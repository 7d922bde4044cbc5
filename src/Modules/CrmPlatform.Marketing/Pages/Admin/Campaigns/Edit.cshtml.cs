using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Marketing.Data;
using CrmPlatform.Marketing.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Marketing.Pages.Admin.Campaigns;

/// <summary>The campaign editor: fields, Liquid validation next to the fields, live preview in a sandboxed frame, test send.</summary>
[Authorize(Policy = "Campaigns.Manage")]
public sealed class CampaignEditModel(CampaignQueries queries, CampaignCommands commands, CampaignPreview preview, CrmDbContext db) : PageModel
{
    [FromRoute] public Guid? Id { get; set; }
    [BindProperty] public CampaignInput Input { get; set; } = new() { Type = CampaignType.Email };
    [BindProperty] public Guid? PreviewContactId { get; set; }
    [BindProperty] public string? TestAddress { get; set; }
    public IReadOnlyList<ContactCategory> Categories { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Contacts { get; private set; } = [];
    public bool Editable { get; private set; } = true;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var dto = await queries.GetAsync(id, ct);
            if (dto is null)
            {
                return NotFound();
            }
            Input = CampaignInput.From(dto);
            Editable = dto.Status is CampaignStatus.Draft or CampaignStatus.Scheduled;
        }
        else
        {
            Input.Content = "<p>Hello {{ contact.first_name }},</p>\n<p>…</p>\n<p><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>";
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = Id is { } id ? await commands.UpdateAsync(id, Input, ct) : await commands.CreateAsync(Input, ct);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            AddErrors("Input", result.Errors);
            await LoadAsync(ct);
            return Page();
        }
        TempData["Status"] = Id is null ? "Campaign created as a draft." : "Campaign saved.";
        return Redirect($"/admin/campaigns/{result.Value!.Id}");
    }

    public async Task<IActionResult> OnPostTestSendAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var errors = RequestValidator.Validate(Input);
        if (errors.Count > 0)
        {
            AddErrors("Input", errors);
            await LoadAsync(ct);
            return Page();
        }
        var result = await preview.TestSendAsync(Input.Type!.Value, Input.Name, Input.Subject, Input.Content, new TestSendRequest(TestAddress, PreviewContactId), ct);
        if (!result.Succeeded)
        {
            foreach (var (field, messages) in result.Errors)
            {
                var key = field switch { "Address" => nameof(TestAddress), "ContactId" => nameof(PreviewContactId), _ => "Input." + field };
                foreach (var message in messages)
                {
                    ModelState.AddModelError(key, message);
                }
            }
        }
        else
        {
            ViewData["TestSent"] = $"Test message sent to {TestAddress!.Trim()}.";
        }
        await LoadAsync(ct);
        return Page();
    }

    private void AddErrors(string prefix, IReadOnlyDictionary<string, string[]> errors)
    {
        ModelState.Clear();
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                ModelState.AddModelError(field.Length == 0 || field == "Status" ? "" : $"{prefix}.{field}", message);
            }
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Categories = await db.Set<ContactCategory>().AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Name).Take(500).ToListAsync(ct);
        var contacts = db.Set<Contact>().AsNoTracking();
        if (Input.CategoryId is { } category)
        {
            contacts = contacts.Where(c => c.CategoryId == category);
        }
        Contacts = (await contacts.OrderBy(c => c.NormalizedName).Take(100).Select(c => new { c.Id, c.Name }).ToListAsync(ct)).Select(c => (c.Id, c.Name)).ToList();
        if (Id is { } id && await queries.GetAsync(id, ct) is { } dto)
        {
            Editable = dto.Status is CampaignStatus.Draft or CampaignStatus.Scheduled;
        }
    }
}
