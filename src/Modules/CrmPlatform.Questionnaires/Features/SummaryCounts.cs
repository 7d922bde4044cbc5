using CrmPlatform.Core.Data;
using CrmPlatform.Questionnaires.Data;

namespace CrmPlatform.Questionnaires.Features;

/// <summary>
/// Adds a response's answers to <see cref="QuestionnaireSummaryCount"/>: one multi-row upsert queued on the context, run
/// by the same <c>SaveChanges</c> that stores the response (so the totals and the answers commit or roll back together).
/// Keys are sorted so concurrent submissions on PostgreSQL lock the rows in the same order.
/// </summary>
internal static class SummaryCounts
{
    public static void Queue(CrmDbContext db, Guid questionnaireId, IReadOnlyCollection<QuestionnaireResponseAnswer> answers)
    {
        var deltas = new SortedDictionary<(Guid QuestionId, string Bucket), long>
        {
            [(Guid.Empty, QuestionnaireSummaryCount.Answered)] = 1,
        };
        foreach (var question in answers.Select(a => a.QuestionId).Distinct())
        {
            deltas[(question, QuestionnaireSummaryCount.Answered)] = 1;
        }
        foreach (var answer in answers)
        {
            var bucket = answer.OptionId is { } optionId ? QuestionnaireSummaryCount.OptionBucket(optionId)
                : answer.RatingValue is { } rating ? QuestionnaireSummaryCount.RatingBucket(rating)
                : null;
            if (bucket is not null)
            {
                deltas[(answer.QuestionId, bucket)] = deltas.GetValueOrDefault((answer.QuestionId, bucket)) + 1;
            }
        }
        var values = new List<string>(deltas.Count);
        var parameters = new List<object>(deltas.Count * 3 + 1) { questionnaireId };
        foreach (var ((questionId, bucket), delta) in deltas)
        {
            var at = parameters.Count;
            values.Add($"({{0}}, {{{at}}}, {{{at + 1}}}, {{{at + 2}}})");
            parameters.Add(questionId);
            parameters.Add(bucket);
            parameters.Add(delta);
        }
        db.ExecuteOnSave(
            "INSERT INTO questionnaire_summary_counts (questionnaire_id, question_id, bucket, tally) VALUES " + string.Join(", ", values) +
            " ON CONFLICT (questionnaire_id, question_id, bucket) DO UPDATE SET tally = questionnaire_summary_counts.tally + excluded.tally",
            [.. parameters]);
    }
}
