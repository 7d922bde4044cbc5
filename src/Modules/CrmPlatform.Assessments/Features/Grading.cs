using CrmPlatform.Assessments.Data;
using CrmPlatform.Assessments.Scoring;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Assessments.Features;

public sealed record GradingItem(Guid AnswerId, Guid ResponseId, Guid AssessmentId, string AssessmentTitle, string ContactName, string QuestionText,
    string? AnswerText, int Points, int MaxPoints, bool PendingGrading, DateTime SubmittedAt);

public sealed record GradeRequest(int Points);

/// <summary>
/// The grading queue: subjective answers waiting for staff. Awarding points recomputes the whole response from its
/// answers' snapshots (rankings, type and traits with the assessment's current rules) and raises <see cref="AssessmentGraded"/>.
/// </summary>
public sealed class Grading(CrmDbContext db, ICurrentUser user)
{
    public async Task<IReadOnlyList<GradingItem>> QueueAsync(Guid? assessmentId, int limit, CancellationToken ct) =>
        await Items(db.Set<AssessmentResponseAnswer>().Where(a => a.PendingGrading && (assessmentId == null || a.Response!.AssessmentId == assessmentId)))
            .Take(Math.Clamp(limit, 1, 200)).ToListAsync(ct);

    public Task<GradingItem?> GetAsync(Guid answerId, CancellationToken ct) =>
        Items(db.Set<AssessmentResponseAnswer>().Where(a => a.Id == answerId && a.QuestionType == QuestionType.Subjective)).FirstOrDefaultAsync(ct);

    public async Task<Result<ResponseSummary>> GradeAsync(Guid answerId, GradeRequest request, CancellationToken ct)
    {
        var answer = await db.Set<AssessmentResponseAnswer>().FirstOrDefaultAsync(a => a.Id == answerId && a.QuestionType == QuestionType.Subjective, ct);
        if (answer is null)
        {
            return Result<ResponseSummary>.NotFound();
        }
        if (request.Points < 0 || request.Points > answer.MaxPoints)
        {
            return Result<ResponseSummary>.Invalid("points", $"Award from 0 to {answer.MaxPoints} points.");
        }
        var response = await db.Set<AssessmentResponse>().Include(r => r.Answers).Include(r => r.Assessment)
            .IgnoreQueryFilters().FirstAsync(r => r.Id == answer.ResponseId, ct);
        var graded = ScoringEngine.Grade(ResponseScoring.ToScored(answer), request.Points);
        answer.Points = graded.Points;
        answer.PendingGrading = false;
        answer.GradedById = user.Id;
        answer.GradedAt = DateTime.UtcNow;
        var logic = ScoringLogicParser.ParseStored(response.Assessment!.ScoringLogic);
        var result = ScoringEngine.Compute(logic, [.. response.Answers.Select(ResponseScoring.ToScored)]);
        ResponseScoring.Apply(response, result);
        db.Raise(ResponseScoring.Graded(response, response.Assessment.Title, result, user.Id));
        await db.SaveChangesAsync(ct);
        return Result<ResponseSummary>.Ok(ResponseScoring.Summary(response));
    }

    private IQueryable<GradingItem> Items(IQueryable<AssessmentResponseAnswer> answers) =>
        from a in answers
        join r in db.Set<AssessmentResponse>() on a.ResponseId equals r.Id
        join s in db.Set<Assessment>().IgnoreQueryFilters() on r.AssessmentId equals s.Id
        join c in db.Set<Contact>().IgnoreQueryFilters() on r.ContactId equals c.Id
        orderby r.CreatedAt, a.Id
        select new GradingItem(a.Id, r.Id, s.Id, s.Title, c.Name, a.QuestionText, a.AnswerText, a.Points, a.MaxPoints, a.PendingGrading, r.CreatedAt);
}
