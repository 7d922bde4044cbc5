using CrmPlatform.Core.Events;

namespace CrmPlatform.Questionnaires;

/// <summary>One answered question of a submission, as text (choices joined with ", ").</summary>
public sealed record AnswerSummary(Guid QuestionId, string Question, string Type, string Answer);

/// <summary>A response was stored; it carries an answers summary so a workflow needs no query.</summary>
public sealed record QuestionnaireSubmitted(
    Guid ResponseId,
    Guid QuestionnaireId,
    string QuestionnaireTitle,
    Guid ContactId,
    IReadOnlyList<AnswerSummary> Answers) : IDomainEvent;
