namespace CrmPlatform.Assessments.Data;

/// <summary>ASSESSMENTS.trait.</summary>
public enum AssessmentTrait
{
    Sales,
    Marketing,
    HrManagement,
    PeopleManagement,
    Leadership,
    Communication,
    Technical,
    Creativity,
}

/// <summary>ASSESSMENT_QUESTIONS.type.</summary>
public enum QuestionType
{
    MultipleChoice,
    Subjective,
    RatingScale,
    TrueFalse,
}

/// <summary>Whether a response still has subjective answers waiting for staff (extra column <c>status</c>).</summary>
public enum ResponseStatus
{
    Completed,
    PendingGrading,
}
