using CrmPlatform.Assessments.Scoring;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;

namespace CrmPlatform.Assessments.Features;

/// <summary>The "test the scoring" panel: scores a chosen set of answers (unanswered questions count as 0) without saving.</summary>
public sealed class ScoringTester(CrmDbContext db, AssessmentDefinitions definitions)
{
    /// <param name="scoringJson">Scoring JSON to try instead of the stored one (null: the stored one).</param>
    public async Task<Result<ScoringResult>> TestAsync(Guid assessmentId, IReadOnlyList<AnswerInput> answers, string? scoringJson, CancellationToken ct)
    {
        var definition = await definitions.ByIdAsync(db, assessmentId, ct);
        if (definition is null)
        {
            return Result<ScoringResult>.NotFound();
        }
        if (scoringJson is not null)
        {
            var logic = ScoringLogicParser.Parse(scoringJson, out var scoringErrors);
            if (logic is null)
            {
                return Result<ScoringResult>.Invalid(new Dictionary<string, string[]> { ["scoringLogic"] = [.. scoringErrors.Select(e => e.ToString())] });
            }
            definition = definition with { Logic = logic };
        }
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var checkedAnswers = AnswerValidator.Check(definition, answers, errors, requireAll: false);
        if (errors.Count > 0)
        {
            return Result<ScoringResult>.Invalid(errors);
        }
        var scored = definition.Questions.Select(q =>
            checkedAnswers.FirstOrDefault(a => a.Question.Id == q.Id)?.Score
            ?? ScoringEngine.ScoreAnswer(definition.Logic, q.ToScoring(), null, null) with { Points = 0 }).ToList();
        return Result<ScoringResult>.Ok(ScoringEngine.Compute(definition.Logic, scored));
    }
}
