namespace CrmPlatform.Questionnaires.Data;

/// <summary>QUESTIONNAIRE_QUESTIONS.type.</summary>
public enum QuestionType
{
    MultipleChoice,
    Text,
    RatingScale,
    YesNo,
    Checkbox,
}
