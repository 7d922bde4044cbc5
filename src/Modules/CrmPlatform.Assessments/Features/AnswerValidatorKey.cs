namespace CrmPlatform.Assessments.Features;

/// <summary>The error key of a question's answer (<c>answers[{id}]</c>), for views.</summary>
public static class AnswerValidatorKey
{
    public static string For(Guid questionId) => AnswerValidator.Key(questionId);
}
