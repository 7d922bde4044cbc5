using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Questionnaires.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Questionnaires.Pages.Admin.Questionnaires;

[Authorize(Policy = "Questionnaires.Manage")]
public sealed class QuestionnaireEditModel(QuestionnaireQueries queries, QuestionnaireCommands commands, CrmDbContext db) : PageModel
{
    [FromRoute] public Guid? Id { get; set; }
    [BindProperty] public QuestionnaireInput Input { get; set; } = new();
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
            Input = QuestionnaireInput.From(dto);
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
        TempData["Status"] = Id is null ? "Questionnaire created: now add its questions." : "Questionnaire saved.";
        return Redirect(Id is null ? $"/admin/questionnaires/{result.Value!.Id}/questions" : $"/admin/questionnaires/edit/{result.Value!.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Categories = await db.Set<ContactCategory>().AsNoTracking().OrderBy(c => c.Name).Take(500).ToListAsync(ct);
        if (Id is { } id)
        {
            PublicUrl = (await queries.GetAsync(id, ct))?.PublicUrl;
        }
    }
}
