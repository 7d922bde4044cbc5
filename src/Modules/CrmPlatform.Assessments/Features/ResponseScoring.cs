using System.Text.Json;
using CrmPlatform.Assessments.Data;
using CrmPlatform.Assessments.Scoring;

namespace CrmPlatform.Assessments.Features;

/// <summary>Copies a scoring result onto a response row and builds the events and summaries from it.</summary>
public static class ResponseScoring
{
    public static void Apply(AssessmentResponse response, ScoringResult result)
    {
        response.TotalScore = result.TotalScore;
        response.MaxScore = result.MaxScore;
        response.Percentage = result.Percentage;
        response.Ranking = result.Ranking;
        response.PersonalityType = result.PersonalityType;
        response.Traits = Join(result.Traits);
        response.InnerDrives = Join(result.InnerDrives);
        response.Baselines = Join(result.Baselines);
        response.DimensionScores = result.DimensionScores.Count == 0 ? null : JsonSerializer.Serialize(result.DimensionScores);
        response.Status = result.PendingGrading ? ResponseStatus.PendingGrading : ResponseStatus.Completed;
    }

    /// <summary>The stored answers as the engine reads them (their snapshots, not the current questions).</summary>
    public static ScoredAnswer ToScored(AssessmentResponseAnswer answer) =>
        new(answer.QuestionId, answer.QuestionType, answer.Points, answer.MaxPoints, answer.PendingGrading, AssessmentQuestionOption.ParseDimensions(answer.DimensionPoints));

    public static AssessmentSubmitted Submitted(AssessmentResponse r, string title, ScoringResult result) =>
        new(r.Id, r.ContactId, r.AssessmentId, title, r.TotalScore, r.MaxScore, r.Percentage, r.Ranking, r.PersonalityType,
            result.Traits, result.InnerDrives, result.Baselines, result.PendingGrading);

    public static AssessmentGraded Graded(AssessmentResponse r, string title, ScoringResult result, Guid? gradedBy) =>
        new(r.Id, r.ContactId, r.AssessmentId, title, r.TotalScore, r.MaxScore, r.Percentage, r.Ranking, r.PersonalityType,
            result.Traits, result.InnerDrives, result.Baselines, result.PendingGrading, gradedBy);

    public static ResponseSummary Summary(AssessmentResponse r) =>
        new(r.Id, r.AssessmentId, r.ContactId, r.TotalScore, r.MaxScore, r.Percentage, r.Ranking, r.PersonalityType, r.Traits, r.InnerDrives,
            r.Baselines, r.Status == ResponseStatus.PendingGrading, r.CreatedAt);

    public static string? Join(IReadOnlyList<string> labels) => labels.Count == 0 ? null : string.Join(", ", labels);

    public static IReadOnlyList<string> Split(string? labels) =>
        string.IsNullOrWhiteSpace(labels) ? [] : [.. labels.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
