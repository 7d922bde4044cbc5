using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Security;
using CrmPlatform.Questionnaires.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Questionnaires.Features;

/// <summary>Create, edit, delete (soft), restore and duplicate questionnaires. Every change drops the cached definition.</summary>
public sealed class QuestionnaireCommands(CrmDbContext db, QuestionnaireDefinitions definitions, QuestionnaireQueries queries, ICurrentUser user)
{
    public async Task<Result<QuestionnaireDto>> CreateAsync(QuestionnaireInput input, CancellationToken ct)
    {
        var errors = await ValidateAsync(input, null, ct);
        if (errors.Count > 0)
        {
            return Result<QuestionnaireDto>.Invalid(errors);
        }
        var questionnaire = new Questionnaire { CreatedById = user.Id };
        input.ApplyTo(questionnaire);
        db.Add(questionnaire);
        await db.SaveChangesAsync(ct);
        return Result<QuestionnaireDto>.Ok((await queries.GetAsync(questionnaire.Id, ct))!);
    }

    public async Task<Result<QuestionnaireDto>> UpdateAsync(Guid id, QuestionnaireInput input, CancellationToken ct)
    {
        var questionnaire = await db.Set<Questionnaire>().FirstOrDefaultAsync(q => q.Id == id, ct);
        if (questionnaire is null)
        {
            return Result<QuestionnaireDto>.NotFound();
        }
        var errors = await ValidateAsync(input, questionnaire, ct);
        if (errors.Count > 0)
        {
            return Result<QuestionnaireDto>.Invalid(errors);
        }
        input.ApplyTo(questionnaire);
        await db.SaveChangesAsync(ct);
        definitions.Invalidate(questionnaire.PublicUrl);
        return Result<QuestionnaireDto>.Ok((await queries.GetAsync(id, ct))!);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        var questionnaire = await db.Set<Questionnaire>().FirstOrDefaultAsync(q => q.Id == id, ct);
        if (questionnaire is null)
        {
            return false;
        }
        questionnaire.DeletedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        definitions.Invalidate(questionnaire.PublicUrl);
        return true;
    }

    public async Task<bool> RestoreAsync(Guid id, CancellationToken ct)
    {
        var questionnaire = await db.Set<Questionnaire>().IgnoreQueryFilters().FirstOrDefaultAsync(q => q.Id == id && q.DeletedAt != null, ct);
        if (questionnaire is null)
        {
            return false;
        }
        questionnaire.DeletedAt = null;
        await db.SaveChangesAsync(ct);
        definitions.Invalidate(questionnaire.PublicUrl);
        return true;
    }

    /// <summary>An inactive copy with every question and option and a new public link; responses stay behind.</summary>
    public async Task<Result<QuestionnaireDto>> DuplicateAsync(Guid id, CancellationToken ct)
    {
        var source = await db.Set<Questionnaire>().AsNoTracking().AsSplitQuery().Include(q => q.Questions).ThenInclude(q => q.Options).FirstOrDefaultAsync(q => q.Id == id, ct);
        if (source is null)
        {
            return Result<QuestionnaireDto>.NotFound();
        }
        var copy = new Questionnaire { CreatedById = user.Id };
        QuestionnaireInput.From(source).ApplyTo(copy);
        var title = "Copy of " + source.Title;
        copy.Title = title.Length <= Questionnaire.TitleMaxLength ? title : title[..Questionnaire.TitleMaxLength];
        copy.IsActive = false;
        foreach (var q in source.Questions)
        {
            var question = new QuestionnaireQuestion { Question = q.Question, Type = q.Type, IsRequired = q.IsRequired, HelpText = q.HelpText, SortOrder = q.SortOrder };
            question.Options.AddRange(q.Options.Select(o => new QuestionnaireQuestionOption { Text = o.Text, SortOrder = o.SortOrder }));
            copy.Questions.Add(question);
        }
        db.Add(copy);
        await db.SaveChangesAsync(ct);
        return Result<QuestionnaireDto>.Ok((await queries.GetAsync(copy.Id, ct))!);
    }

    private async Task<Dictionary<string, string[]>> ValidateAsync(QuestionnaireInput input, Questionnaire? existing, CancellationToken ct)
    {
        var errors = RequestValidator.Validate(input);
        if (input.ContactCategoryId is { } categoryId && !await db.Set<ContactCategory>().AnyAsync(c => c.Id == categoryId, ct))
        {
            errors[nameof(QuestionnaireInput.ContactCategoryId)] = ["The category does not exist."];
        }
        // Narrowing the scale would leave past ratings outside it: refused once a rating was given.
        if (existing is not null && (input.RatingMin > existing.RatingMin || input.RatingMax < existing.RatingMax)
            && await db.Set<QuestionnaireResponseAnswer>().AnyAsync(a => a.RatingValue != null && a.Question!.QuestionnaireId == existing.Id, ct))
        {
            errors[nameof(QuestionnaireInput.RatingMax)] = ["Past responses hold ratings on the current scale: it can be widened, not narrowed."];
        }
        return errors;
    }
}
