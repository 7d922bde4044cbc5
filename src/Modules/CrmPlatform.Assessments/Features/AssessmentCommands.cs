using CrmPlatform.Assessments.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Assessments.Features;

/// <summary>Create, edit, delete (soft), restore and duplicate assessments. Every change drops the cached definition.</summary>
public sealed class AssessmentCommands(CrmDbContext db, AssessmentDefinitions definitions, AssessmentQueries queries, ICurrentUser user)
{
    public async Task<Result<AssessmentDto>> CreateAsync(AssessmentInput input, CancellationToken ct)
    {
        var errors = RequestValidator.Validate(input);
        await CheckCategoryAsync(input, errors, ct);
        if (errors.Count > 0)
        {
            return Result<AssessmentDto>.Invalid(errors);
        }
        var assessment = new Assessment { CreatedById = user.Id };
        input.ApplyTo(assessment);
        db.Add(assessment);
        await db.SaveChangesAsync(ct);
        return Result<AssessmentDto>.Ok((await queries.GetAsync(assessment.Id, ct))!);
    }

    public async Task<Result<AssessmentDto>> UpdateAsync(Guid id, AssessmentInput input, CancellationToken ct)
    {
        var assessment = await db.Set<Assessment>().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return Result<AssessmentDto>.NotFound();
        }
        var errors = RequestValidator.Validate(input);
        await CheckCategoryAsync(input, errors, ct);
        if (errors.Count > 0)
        {
            return Result<AssessmentDto>.Invalid(errors);
        }
        input.ApplyTo(assessment);
        await db.SaveChangesAsync(ct);
        definitions.Invalidate(assessment.PublicUrl);
        return Result<AssessmentDto>.Ok((await queries.GetAsync(id, ct))!);
    }

    /// <summary>Replaces only the scoring JSON (the scoring screen and its raw view).</summary>
    public async Task<Result<AssessmentDto>> UpdateScoringAsync(Guid id, string? json, CancellationToken ct)
    {
        var assessment = await db.Set<Assessment>().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return Result<AssessmentDto>.NotFound();
        }
        var input = AssessmentInput.From(assessment);
        input.ScoringLogic = json;
        return await UpdateAsync(id, input, ct);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        var assessment = await db.Set<Assessment>().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return false;
        }
        assessment.DeletedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        definitions.Invalidate(assessment.PublicUrl);
        return true;
    }

    public async Task<bool> RestoreAsync(Guid id, CancellationToken ct)
    {
        var assessment = await db.Set<Assessment>().IgnoreQueryFilters().FirstOrDefaultAsync(a => a.Id == id && a.DeletedAt != null, ct);
        if (assessment is null)
        {
            return false;
        }
        assessment.DeletedAt = null;
        await db.SaveChangesAsync(ct);
        definitions.Invalidate(assessment.PublicUrl);
        return true;
    }

    /// <summary>A private, inactive copy with every question and option (and a new public URL); responses stay behind.</summary>
    public async Task<Result<AssessmentDto>> DuplicateAsync(Guid id, CancellationToken ct)
    {
        var source = await db.Set<Assessment>().AsNoTracking().AsSplitQuery()
            .Include(a => a.Questions).ThenInclude(q => q.Options)
            .FirstOrDefaultAsync(a => a.Id == id, ct);
        if (source is null)
        {
            return Result<AssessmentDto>.NotFound();
        }
        var copy = new Assessment { CreatedById = user.Id };
        AssessmentInput.From(source).ApplyTo(copy);
        copy.Title = Truncate("Copy of " + source.Title, Assessment.TitleMaxLength);
        copy.IsPublic = false;
        copy.IsActive = false;
        foreach (var q in source.Questions)
        {
            var question = new AssessmentQuestion { Question = q.Question, Type = q.Type, Points = q.Points, SortOrder = q.SortOrder };
            question.Options.AddRange(q.Options.Select(o => new AssessmentQuestionOption
            {
                Text = o.Text, Points = o.Points, IsCorrect = o.IsCorrect, SortOrder = o.SortOrder, DimensionPoints = o.DimensionPoints,
            }));
            copy.Questions.Add(question);
        }
        db.Add(copy);
        await db.SaveChangesAsync(ct);
        return Result<AssessmentDto>.Ok((await queries.GetAsync(copy.Id, ct))!);
    }

    private async Task CheckCategoryAsync(AssessmentInput input, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (input.ContactCategoryId is { } categoryId
            && !await db.Set<CrmPlatform.Contacts.Data.ContactCategory>().AnyAsync(c => c.Id == categoryId, ct))
        {
            errors[nameof(AssessmentInput.ContactCategoryId)] = ["The category does not exist."];
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
