using System.Text.Json;
using System.Text.Json.Nodes;
using CrmPlatform.Assessments.Data;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Assessments.Features;

/// <summary>
/// A contact's assessment responses in data-subject requests. Export: every response with its scores and answers.
/// Erase: the text the person wrote (subjective answers) is blanked; scores, chosen options and ratings stay, so
/// averages, rankings and response counts do not change.
/// </summary>
internal sealed class ResponseDataParticipant : IContactDataParticipant
{
    public string Section => "assessmentResponses";

    public async Task<JsonNode?> ExportAsync(CrmDbContext db, Guid contactId, CancellationToken ct)
    {
        var responses = await db.Set<AssessmentResponse>().AsNoTracking().Where(r => r.ContactId == contactId).OrderBy(r => r.CreatedAt)
            .Select(r => new
            {
                r.Id, r.AssessmentId, Assessment = r.Assessment!.Title, r.Status, r.TotalScore, r.MaxScore, r.Percentage,
                r.PersonalityType, r.Traits, r.Ranking, r.InnerDrives, r.Baselines, r.CreatedAt,
                Answers = r.Answers.OrderBy(a => a.CreatedAt).Select(a => new { a.QuestionId, a.QuestionText, a.QuestionType, a.OptionText, a.AnswerText, a.RatingValue, a.Points, a.MaxPoints }).ToList(),
            })
            .ToListAsync(ct);
        return JsonSerializer.SerializeToNode(responses, PersonalDataScrubber.ExportJson);
    }

    public async Task<IReadOnlyList<string>> EraseAsync(CrmDbContext db, Guid contactId, CancellationToken ct)
    {
        var responseIds = await db.Set<AssessmentResponse>().Where(r => r.ContactId == contactId).Select(r => r.Id).ToListAsync(ct);
        if (responseIds.Count == 0)
        {
            return [];
        }
        await db.Set<AssessmentResponseAnswer>().Where(a => responseIds.Contains(a.ResponseId) && a.AnswerText != null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.AnswerText, PersonalDataScrubber.Erased), ct);
        await PersonalDataScrubber.ScrubAuditAsync(db, nameof(AssessmentResponse), responseIds, ct);
        return [];
    }
}
