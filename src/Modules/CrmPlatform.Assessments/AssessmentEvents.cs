using CrmPlatform.Core.Events;

namespace CrmPlatform.Assessments;

/// <summary>
/// A response was stored. It carries the whole result so that a workflow (or the interim profile handler) needs no
/// query; <see cref="PendingGrading"/> says subjective answers still wait, and <see cref="AssessmentGraded"/> follows.
/// </summary>
public sealed record AssessmentSubmitted(
    Guid ResponseId,
    Guid ContactId,
    Guid AssessmentId,
    string AssessmentTitle,
    int TotalScore,
    int MaxScore,
    decimal Percentage,
    string? Ranking,
    string? PersonalityType,
    IReadOnlyList<string> Traits,
    IReadOnlyList<string> InnerDrives,
    IReadOnlyList<string> Baselines,
    bool PendingGrading) : IDomainEvent;

/// <summary>Staff graded a subjective answer; the response's result was recomputed (same fields as <see cref="AssessmentSubmitted"/>).</summary>
public sealed record AssessmentGraded(
    Guid ResponseId,
    Guid ContactId,
    Guid AssessmentId,
    string AssessmentTitle,
    int TotalScore,
    int MaxScore,
    decimal Percentage,
    string? Ranking,
    string? PersonalityType,
    IReadOnlyList<string> Traits,
    IReadOnlyList<string> InnerDrives,
    IReadOnlyList<string> Baselines,
    bool PendingGrading,
    Guid? GradedById) : IDomainEvent;
