using CrmPlatform.Assessments.Data;
using CrmPlatform.Assessments.Scoring;

namespace CrmPlatform.Tests.Assessments;

/// <summary>The two worked examples of the module README, checked.</summary>
public sealed class WorkedExampleTests
{
    private static ScoringLogic Logic(string json) => ScoringLogicParser.Parse(json, out var errors) ?? throw new InvalidOperationException(string.Join("; ", errors));

    [Fact]
    public void Sales_aptitude_example_scores_as_documented_before_and_after_grading()
    {
        var logic = Logic("""
            { "dimensions": ["hunter", "farmer"],
              "questionTypes": { "rating_scale": { "min": 1, "max": 5, "weight": 1 } },
              "rankings": [ { "min": 85, "label": "Top performer" }, { "min": 65, "label": "Strong" }, { "min": 0, "label": "Entry level" } ],
              "personality": { "method": "highest_dimension", "labels": { "hunter": "Hunter", "farmer": "Farmer" }, "default": "All-rounder" },
              "traits": [ { "label": "Persuasive", "all": [ { "metric": "percentage", "op": ">=", "value": 70 } ] } ] }
            """);
        var best = new ScoringOption(Guid.NewGuid(), 5, true, new Dictionary<string, int> { ["hunter"] = 2 });
        var q1 = new ScoringQuestion(Guid.NewGuid(), QuestionType.MultipleChoice, 5, [new(Guid.NewGuid(), 0, false, new Dictionary<string, int>()), best, new(Guid.NewGuid(), 1, false, new Dictionary<string, int>()), new(Guid.NewGuid(), 2, false, new Dictionary<string, int>())]);
        var yes = new ScoringOption(Guid.NewGuid(), 0, true, new Dictionary<string, int>());
        var q2 = new ScoringQuestion(Guid.NewGuid(), QuestionType.TrueFalse, 3, [yes, new(Guid.NewGuid(), 0, false, new Dictionary<string, int>())]);
        var q3 = new ScoringQuestion(Guid.NewGuid(), QuestionType.RatingScale, 0, []);
        var q4 = new ScoringQuestion(Guid.NewGuid(), QuestionType.Subjective, 10, []);
        var answers = new List<ScoredAnswer>
        {
            ScoringEngine.ScoreAnswer(logic, q1, best.Id, null),
            ScoringEngine.ScoreAnswer(logic, q2, yes.Id, null),
            ScoringEngine.ScoreAnswer(logic, q3, null, 4),
            ScoringEngine.ScoreAnswer(logic, q4, null, null),
        };

        var submitted = ScoringEngine.Compute(logic, answers);
        answers[3] = ScoringEngine.Grade(answers[3], 8);
        var graded = ScoringEngine.Compute(logic, answers);

        Assert.Equal((12, 23, 52.17m, "Entry level", "Hunter", true), (submitted.TotalScore, submitted.MaxScore, submitted.Percentage, submitted.Ranking, submitted.PersonalityType, submitted.PendingGrading));
        Assert.Empty(submitted.Traits);
        Assert.Equal((20, 86.96m, "Top performer", false), (graded.TotalScore, graded.Percentage, graded.Ranking, graded.PendingGrading));
        Assert.Equal(["Persuasive"], graded.Traits);
    }

    [Fact]
    public void Disc_example_picks_the_top_dimension_with_declared_tie_break()
    {
        var logic = Logic("""
            { "dimensions": ["D", "I", "S", "C"],
              "personality": { "method": "highest_dimension", "labels": { "D": "Dominance (D)", "I": "Influence (I)", "S": "Steadiness (S)", "C": "Conscientiousness (C)" }, "default": "Balanced" },
              "traits": [ { "label": "Decisive", "all": [ { "metric": "dimension", "dimension": "D", "op": ">=", "value": 4 } ] },
                          { "label": "Patient", "all": [ { "metric": "dimension", "dimension": "S", "op": ">=", "value": 4 } ] } ],
              "innerDrives": [ { "label": "Results and control", "all": [ { "metric": "topDimension", "equals": "D" } ] } ],
              "baselines": [ { "label": "Fast-paced", "any": [ { "metric": "topDimension", "equals": "D" }, { "metric": "topDimension", "equals": "I" } ] } ] }
            """);
        static ScoredAnswer Pick(string dimension) => new(Guid.NewGuid(), QuestionType.MultipleChoice, 0, 0, false, new Dictionary<string, int> { [dimension] = 2 });

        var result = ScoringEngine.Compute(logic, [Pick("D"), Pick("D"), Pick("S"), Pick("I"), Pick("D"), Pick("S")]);
        var tie = ScoringEngine.Compute(logic, [Pick("S"), Pick("D"), Pick("S"), Pick("D")]);

        Assert.Equal("Dominance (D)", result.PersonalityType);
        Assert.Equal(["Decisive", "Patient"], result.Traits);
        Assert.Equal(["Results and control"], result.InnerDrives);
        Assert.Equal(["Fast-paced"], result.Baselines);
        Assert.Equal((0, 0m), (result.TotalScore, result.Percentage));
        Assert.Equal("Dominance (D)", tie.PersonalityType);
    }
}
