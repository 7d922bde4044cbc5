using CrmPlatform.Assessments.Features;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Assessments.Pages.Admin.Assessments;

[Authorize(Policy = "Assessments.Manage")]
public sealed class AssessmentEditModel(AssessmentQueries queries, AssessmentCommands commands, CrmDbContext db) : PageModel
{
    [FromRoute] public Guid? Id { get; set; }
    [BindProperty] public AssessmentInput Input { get; set; } = new();
    public string? PublicUrl { get; private set; }
    public IReadOnlyList<ContactCategory> Categories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var dto = await queries.GetAsync(id, ct);
            if (dto is null)
            {
                return NotFound();
            }
            PublicUrl = dto.PublicUrl;
            Input = new AssessmentInput
            {
                Title = dto.Title, Description = dto.Description, Trait = dto.Trait, IsActive = dto.IsActive, IsPublic = dto.IsPublic, ScoringLogic = dto.ScoringLogic,
                ShowScore = dto.ShowScore, ShowRanking = dto.ShowRanking, ShowPersonalityType = dto.ShowPersonalityType, ShowTraits = dto.ShowTraits,
                AskPhone = dto.AskPhone, OfferToLeads = dto.OfferToLeads, ContactCategoryId = dto.ContactCategoryId,
            };
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
            ModelState.Clear();
            foreach (var (field, messages) in result.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError($"Input.{field}", message);
                }
            }
            await LoadAsync(ct);
            return Page();
        }
        TempData["Status"] = Id is null ? "Assessment created: now add its questions." : "Assessment saved.";
        return Redirect(Id is null ? $"/admin/assessments/{result.Value!.Id}/questions" : $"/admin/assessments/edit/{result.Value!.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Categories = await db.Set<ContactCategory>().AsNoTracking().OrderBy(c => c.Name).Take(500).ToListAsync(ct);
        if (Id is { } id && PublicUrl is null)
        {
            PublicUrl = (await queries.GetAsync(id, ct))?.PublicUrl;
        }
    }
}
