using System.Text.Json;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Data;
using CrmPlatform.Questionnaires.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Questionnaires.Features;

/// <summary>What a respondent sends (form and API alike). <see cref="Website"/> is the honeypot: people leave it empty.</summary>
public sealed record SubmitResponseRequest(string? Name, string? Email, string? Phone, IReadOnlyList<AnswerInput>? Answers, string? SubmissionKey, string? Website = null);

/// <summary>Who submits: anonymous, or a signed-in lead whose email names their contact.</summary>
public sealed record Submitter(Guid? UserId, bool IsLead, string? Email, string? Name);

public sealed record SubmitResponseResult(Guid ResponseId, Guid QuestionnaireId, Guid ContactId, bool Duplicate);

/// <summary>
/// Stores a response whole or not at all: validation, the contact found or created, the response with its answer rows
/// and the <see cref="QuestionnaireSubmitted"/> event in one <c>SaveChanges</c> (one transaction). A repeated
/// <c>SubmissionKey</c> (a double click, a retried request) returns the first response instead of storing another.
/// </summary>
public sealed class SubmitResponse(CrmDbContext db, QuestionnaireDefinitions definitions, IContactDirectory directory)
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
            return Result<SubmitResponseResult>.Invalid("website", "The submission was refused.");
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
        // A lost race on a unique index (the same key or new email submitted twice at once) is retried once.
        for (var attempt = 0; ; attempt++)
        {
            if (await ExistingAsync(definition.Id, key, ct) is { } existing)
            {
                // A repeat answers with the first response, but only to the same person.
                return string.Equals(existing.Email, identity.Email.Trim(), StringComparison.OrdinalIgnoreCase)
                    ? Result<SubmitResponseResult>.Ok(new(existing.Id, definition.Id, existing.ContactId, true))
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

    internal static bool IsOffered(QuestionnaireDefinition definition, Submitter submitter) =>
        definition.IsActive && (definition.IsPublic || (submitter.IsLead && definition.OfferToLeads));

    private async Task<Result<SubmitResponseResult>> StoreAsync(QuestionnaireDefinition definition, string key, ContactIdentity identity, List<CheckedAnswer> answers, Submitter submitter, CancellationToken ct)
    {
        var match = await directory.FindOrCreateAsync(db, identity, ct);
        if (!match.Succeeded)
        {
            return Result<SubmitResponseResult>.Invalid(match.Errors.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value));
        }
        var response = new QuestionnaireResponse { QuestionnaireId = definition.Id, ContactId = match.ContactId, SubmissionKey = key, SubmittedById = submitter.UserId };
        response.Answers.AddRange(answers.Select(a => new QuestionnaireResponseAnswer
        {
            QuestionId = a.Question.Id,
            OptionId = a.Option?.Id,
            OptionText = a.Option?.Text,
            RatingValue = a.Rating,
            AnswerText = a.Text,
            QuestionText = a.Question.Text,
            QuestionType = a.Question.Type,
        }));
        db.Add(response);
        SummaryCounts.Queue(db, definition.Id, response.Answers);
        db.Raise(new QuestionnaireSubmitted(response.Id, definition.Id, definition.Title, match.ContactId, Summarize(answers)));
        await db.SaveChangesAsync(ct);
        return Result<SubmitResponseResult>.Ok(new(response.Id, definition.Id, response.ContactId, false));
    }

    private static List<AnswerSummary> Summarize(List<CheckedAnswer> answers) =>
        [.. answers.GroupBy(a => a.Question).Select(g => new AnswerSummary(g.Key.Id, g.Key.Text, EnumNames.ToSnake(g.Key.Type),
            string.Join(", ", g.Select(a => a.Option?.Text ?? a.Rating?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? a.Text))))];

    private async Task<(Guid Id, Guid ContactId, string Email)?> ExistingAsync(Guid questionnaireId, string key, CancellationToken ct)
    {
        var row = await db.Set<QuestionnaireResponse>().AsNoTracking()
            .Where(r => r.QuestionnaireId == questionnaireId && r.SubmissionKey == key)
            .Select(r => new { r.Id, r.ContactId, Email = db.Set<Contact>().IgnoreQueryFilters().Where(c => c.Id == r.ContactId).Select(c => c.EmailId).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : (row.Id, row.ContactId, row.Email ?? "");
    }
}
