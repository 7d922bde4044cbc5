using System.Text.Json;
using CrmPlatform.Assessments.Data;
using CrmPlatform.Assessments.Scoring;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Assessments.Features;

/// <summary>What a taker sends (form and API alike). <see cref="Website"/> is the honeypot: people leave it empty.</summary>
public sealed record SubmitResponseRequest(string? Name, string? Email, string? Phone, IReadOnlyList<AnswerInput>? Answers, string? SubmissionKey, string? Website = null);

/// <summary>Who submits: anonymous, or a signed-in lead whose email names their contact.</summary>
public sealed record Submitter(Guid? UserId, bool IsLead, string? Email, string? Name);

public sealed record SubmitResponseResult(Guid ResponseId, Guid ContactId, bool Duplicate, ResponseSummary Summary);

public sealed record ResponseSummary(Guid Id, Guid AssessmentId, Guid ContactId, int TotalScore, int MaxScore, decimal Percentage, string? Ranking,
    string? PersonalityType, string? Traits, string? InnerDrives, string? Baselines, bool PendingGrading, DateTime CreatedAt);

/// <summary>
/// Stores a response whole or not at all: validation, scoring, the contact found or created and the response with its
/// answers and the <see cref="AssessmentSubmitted"/> event in one <c>SaveChanges</c> (one transaction). Reads: the cached
/// definition, one idempotency lookup, one or two contact lookups. A repeated <c>SubmissionKey</c> returns the first response.
/// </summary>
public sealed class SubmitResponse(CrmDbContext db, AssessmentDefinitions definitions, IContactDirectory directory)
{
    public const int NameMaxLength = 200;

    public async Task<Result<SubmitResponseResult>> HandleAsync(string slug, SubmitResponseRequest request, Submitter submitter, CancellationToken ct)
    {
        var definition = await definitions.BySlugAsync(db, slug, ct);
        if (definition is null || !IsOffered(definition, submitter))
        {
            return Result<SubmitResponseResult>.NotFound();
        }
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(request.Website))
        {
            errors["website"] = ["The submission was refused."];
            return Result<SubmitResponseResult>.Invalid(errors);
        }
        var email = submitter.IsLead && submitter.Email is not null ? submitter.Email : request.Email;
        var name = string.IsNullOrWhiteSpace(request.Name) ? submitter.Name : request.Name;
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > NameMaxLength)
        {
            errors["name"] = [$"Enter your name (at most {NameMaxLength} characters)."];
        }
        if (string.IsNullOrWhiteSpace(email))
        {
            errors["email"] = ["Enter your email address."];
        }
        if (request.Phone is { Length: > 32 })
        {
            errors["phone"] = ["Enter a valid phone number."];
        }
        if (request.SubmissionKey is { Length: > 64 })
        {
            errors["submissionKey"] = ["At most 64 characters."];
        }
        var answers = AnswerValidator.Check(definition, request.Answers, errors);
        if (errors.Count > 0)
        {
            return Result<SubmitResponseResult>.Invalid(errors);
        }
        var key = string.IsNullOrWhiteSpace(request.SubmissionKey) ? Guid.NewGuid().ToString("N") : request.SubmissionKey.Trim();
        var identity = new ContactIdentity(name!.Trim(), email!, request.Phone, definition.ContactCategoryId);
        // A lost race on a unique index (the same new email submitted twice at once) is retried once: the contact then exists.
        for (var attempt = 0; ; attempt++)
        {
            if (await ExistingAsync(definition.Id, key, ct) is { } existing)
            {
                // A repeat answers with the first response, but only to the same person: a reused key never reveals another's result.
                return string.Equals(existing.Email, identity.Email.Trim(), StringComparison.OrdinalIgnoreCase)
                    ? Result<SubmitResponseResult>.Ok(new(existing.Summary.Id, existing.Summary.ContactId, true, existing.Summary))
                    : Result<SubmitResponseResult>.Conflict("submissionKey", "This submission key was already used; send a new one.");
            }
            try
            {
                return await StoreAsync(definition, key, identity, answers, submitter, ct);
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<Result<SubmitResponseResult>> StoreAsync(AssessmentDefinition definition, string key, ContactIdentity identity, List<CheckedAnswer> answers, Submitter submitter, CancellationToken ct)
    {
        var match = await directory.FindOrCreateAsync(db, identity, ct);
        if (!match.Succeeded)
        {
            return Result<SubmitResponseResult>.Invalid(match.Errors.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value));
        }
        var result = ScoringEngine.Compute(definition.Logic, [.. answers.Select(a => a.Score)]);
        var response = new AssessmentResponse
        {
            AssessmentId = definition.Id,
            ContactId = match.ContactId,
            SubmissionKey = key,
            SubmittedById = submitter.UserId,
        };
        ResponseScoring.Apply(response, result);
        foreach (var answer in answers)
        {
            response.Answers.Add(new AssessmentResponseAnswer
            {
                QuestionId = answer.Question.Id,
                OptionId = answer.Option?.Id,
                AnswerText = answer.Text,
                RatingValue = answer.Rating,
                Points = answer.Score.Points,
                MaxPoints = answer.Score.MaxPoints,
                PendingGrading = answer.Score.PendingGrading,
                QuestionText = answer.Question.Text,
                QuestionType = answer.Question.Type,
                OptionText = answer.Option?.Text,
                DimensionPoints = AssessmentQuestionOption.FormatDimensions(answer.Score.Dimensions),
            });
        }
        db.Add(response);
        db.Raise(ResponseScoring.Submitted(response, definition.Title, result));
        await db.SaveChangesAsync(ct);
        return Result<SubmitResponseResult>.Ok(new(response.Id, response.ContactId, false, ResponseScoring.Summary(response)));
    }

    internal static bool IsOffered(AssessmentDefinition definition, Submitter submitter) =>
        definition.IsActive && (definition.IsPublic || (submitter.IsLead && definition.OfferToLeads));

    private async Task<(ResponseSummary Summary, string Email)?> ExistingAsync(Guid assessmentId, string key, CancellationToken ct)
    {
        var row = await db.Set<AssessmentResponse>().AsNoTracking()
            .Where(r => r.AssessmentId == assessmentId && r.SubmissionKey == key)
            .Select(r => new { Response = r, Email = db.Set<Contact>().IgnoreQueryFilters().Where(c => c.Id == r.ContactId).Select(c => c.EmailId).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : (ResponseScoring.Summary(row.Response), row.Email ?? "");
    }
}
