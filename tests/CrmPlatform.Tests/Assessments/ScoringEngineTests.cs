using CrmPlatform.Assessments.Data;
using CrmPlatform.Assessments.Scoring;

namespace CrmPlatform.Tests.Assessments;

public sealed class ScoringEngineTests
{
    private static readonly Dictionary<string, int> None = [];

    private static ScoringOption Option(int points, bool correct = false, Dictionary<string, int>? dims = null) => new(Guid.NewGuid(), points, correct, dims ?? None);

    private static ScoringLogic Logic(string json) => ScoringLogicParser.Parse(json, out var errors) ?? throw new InvalidOperationException(string.Join("; ", errors));

    [Fact]
    public void Multiple_choice_scores_the_chosen_options_points_out_of_the_best_option()
    {
        var options = new[] { Option(0), Option(3), Option(5) };
        var question = new ScoringQuestion(Guid.NewGuid(), QuestionType.MultipleChoice, 10, options);

        var answer = ScoringEngine.ScoreAnswer(ScoringLogic.Default, question, options[1].Id, null);

        Assert.Equal(3, answer.Points);
        Assert.Equal(5, answer.MaxPoints);
        Assert.False(answer.PendingGrading);
    }

    [Fact]
    public void Multiple_choice_in_correct_answer_mode_scores_the_question_points_only_when_correct()
    {
        var options = new[] { Option(1, correct: true), Option(4) };
        var question = new ScoringQuestion(Guid.NewGuid(), QuestionType.MultipleChoice, 7, options);
        var logic = Logic("""{ "questionTypes": { "multiple_choice": { "mode": "correct_answer" } } }""");

        Assert.Equal(7, ScoringEngine.ScoreAnswer(logic, question, options[0].Id, null).Points);
        Assert.Equal(0, ScoringEngine.ScoreAnswer(logic, question, options[1].Id, null).Points);
        Assert.Equal(7, ScoringEngine.ScoreAnswer(logic, question, options[1].Id, null).MaxPoints);
    }

    [Fact]
    public void True_false_scores_the_correct_answer_by_default()
    {
        var options = new[] { Option(0, correct: true), Option(0) };
        var question = new ScoringQuestion(Guid.NewGuid(), QuestionType.TrueFalse, 2, options);

        Assert.Equal(2, ScoringEngine.ScoreAnswer(ScoringLogic.Default, question, options[0].Id, null).Points);
        Assert.Equal(0, ScoringEngine.ScoreAnswer(ScoringLogic.Default, question, options[1].Id, null).Points);
    }

    [Fact]
    public void Rating_scores_value_times_weight_and_can_feed_a_dimension()
    {
        var logic = Logic("""{ "questionTypes": { "rating_scale": { "min": 0, "max": 10, "weight": 1.5, "dimension": "energy" } } }""");
        var question = new ScoringQuestion(Guid.NewGuid(), QuestionType.RatingScale, 0, []);

        var answer = ScoringEngine.ScoreAnswer(logic, question, null, 7);

        Assert.Equal(11, answer.Points); // 7 × 1.5 = 10.5, rounded away from zero
        Assert.Equal(15, answer.MaxPoints);
        Assert.Equal(11, answer.Dimensions["energy"]);
    }

    [Fact]
    public void Subjective_answers_wait_for_grading_and_grading_recomputes_the_result()
    {
        var logic = Logic("""{ "rankings": [ { "min": 80, "label": "Strong" }, { "min": 0, "label": "Weak" } ] }""");
        var choice = new ScoringQuestion(Guid.NewGuid(), QuestionType.TrueFalse, 5, [Option(0, correct: true), Option(0)]);
        var essay = new ScoringQuestion(Guid.NewGuid(), QuestionType.Subjective, 5, []);
        var answers = new List<ScoredAnswer>
        {
            ScoringEngine.ScoreAnswer(logic, choice, choice.Options[0].Id, null),
            ScoringEngine.ScoreAnswer(logic, essay, null, null),
        };

        var before = ScoringEngine.Compute(logic, answers);
        answers[1] = ScoringEngine.Grade(answers[1], 4);
        var after = ScoringEngine.Compute(logic, answers);

        Assert.True(before.PendingGrading);
        Assert.Equal((5, 10, 50m, "Weak"), (before.TotalScore, before.MaxScore, before.Percentage, before.Ranking));
        Assert.False(after.PendingGrading);
        Assert.Equal((9, 10, 90m, "Strong"), (after.TotalScore, after.MaxScore, after.Percentage, after.Ranking));
        Assert.Equal(5, ScoringEngine.Grade(answers[1], 99).Points); // never above the question's points
    }

    [Fact]
    public void Subjective_answers_can_be_left_unscored()
    {
        var logic = Logic("""{ "questionTypes": { "subjective": { "mode": "ignore" } } }""");
        var essay = new ScoringQuestion(Guid.NewGuid(), QuestionType.Subjective, 5, []);

        var answer = ScoringEngine.ScoreAnswer(logic, essay, null, null);

        Assert.Equal((0, 0, false), (answer.Points, answer.MaxPoints, answer.PendingGrading));
    }

    [Theory]
    [InlineData(100, "Top")]
    [InlineData(75, "Top")]
    [InlineData(74.99, "Middle")]
    [InlineData(40, "Middle")]
    [InlineData(39, null)]
    public void Rankings_pick_the_highest_band_the_percentage_reaches(double percentage, string? expected)
    {
        var logic = Logic("""{ "rankings": [ { "min": 40, "label": "Middle" }, { "min": 75, "label": "Top" } ] }""");
        var answers = new[] { new ScoredAnswer(Guid.NewGuid(), QuestionType.RatingScale, (int)Math.Round(percentage * 100), 10_000, false, None) };

        Assert.Equal(expected, ScoringEngine.Compute(logic, answers).Ranking);
    }

    [Fact]
    public void Percentage_has_two_decimals_and_is_zero_without_a_maximum()
    {
        var third = new[] { new ScoredAnswer(Guid.NewGuid(), QuestionType.MultipleChoice, 1, 3, false, None) };
        Assert.Equal(33.33m, ScoringEngine.Compute(ScoringLogic.Default, third).Percentage);
        Assert.Equal(0m, ScoringEngine.Compute(ScoringLogic.Default, []).Percentage);
    }

    [Fact]
    public void The_highest_dimension_names_the_personality_type_with_ties_in_declared_order()
    {
        var logic = Logic("""
            { "dimensions": ["D", "I", "S", "C"],
              "personality": { "method": "highest_dimension", "labels": { "D": "Driver", "I": "Influencer", "S": "Steady", "C": "Analyst" }, "default": "Balanced" } }
            """);
        ScoredAnswer Dims(Dictionary<string, int> d) => new(Guid.NewGuid(), QuestionType.MultipleChoice, 0, 0, false, d);

        Assert.Equal("Influencer", ScoringEngine.Compute(logic, [Dims(new() { ["D"] = 1, ["I"] = 3 }), Dims(new() { ["S"] = 2 })]).PersonalityType);
        Assert.Equal("Steady", ScoringEngine.Compute(logic, [Dims(new() { ["C"] = 2, ["S"] = 2 })]).PersonalityType);
        Assert.Equal("Balanced", ScoringEngine.Compute(logic, [Dims(new() { ["D"] = 0 })]).PersonalityType);
        Assert.Equal(4, ScoringEngine.Compute(logic, [Dims(new() { ["D"] = 1 }), Dims(new() { ["D"] = 3 })]).DimensionScores["D"]);
    }

    [Fact]
    public void Personality_rules_take_the_first_rule_that_holds_else_the_default()
    {
        var logic = Logic("""
            { "personality": { "method": "rules", "default": "Explorer", "rules": [
                { "label": "Closer", "all": [ { "metric": "dimension", "dimension": "drive", "op": ">=", "value": 5 }, { "metric": "percentage", "op": ">", "value": 60 } ] },
                { "label": "Connector", "all": [ { "metric": "topDimension", "equals": "people" } ] } ] } }
            """);
        ScoredAnswer A(int points, Dictionary<string, int> d) => new(Guid.NewGuid(), QuestionType.MultipleChoice, points, 10, false, d);

        Assert.Equal("Closer", ScoringEngine.Compute(logic, [A(8, new() { ["drive"] = 6, ["people"] = 9 })]).PersonalityType);
        Assert.Equal("Connector", ScoringEngine.Compute(logic, [A(5, new() { ["drive"] = 6, ["people"] = 9 })]).PersonalityType);
        Assert.Equal("Explorer", ScoringEngine.Compute(logic, [A(5, new() { ["drive"] = 1 })]).PersonalityType);
    }

    [Fact]
    public void Traits_inner_drives_and_baselines_collect_every_rule_that_holds()
    {
        var logic = Logic("""
            { "traits": [
                { "label": "Persuasive", "all": [ { "metric": "percentage", "op": ">=", "value": 70 } ] },
                { "label": "Resilient", "any": [ { "metric": "dimension", "dimension": "grit", "op": ">", "value": 3 }, { "metric": "score", "op": "==", "value": 100 } ] },
                { "label": "Hesitant", "all": [ { "metric": "percentage", "op": "<", "value": 30 } ] } ],
              "innerDrives": [ { "label": "Achievement", "all": [ { "metric": "topDimension", "equals": "grit" } ] } ],
              "baselines": [ { "label": "Steady under pressure", "all": [ { "metric": "dimension", "dimension": "grit", "op": "<=", "value": 10 } ] } ] }
            """);
        var result = ScoringEngine.Compute(logic, [new ScoredAnswer(Guid.NewGuid(), QuestionType.MultipleChoice, 8, 10, false, new Dictionary<string, int> { ["grit"] = 4 })]);

        Assert.Equal(["Persuasive", "Resilient"], result.Traits);
        Assert.Equal(["Achievement"], result.InnerDrives);
        Assert.Equal(["Steady under pressure"], result.Baselines);
    }

    [Theory]
    [InlineData("""{ "rankings": [ { "min": 120, "label": "Too high" } ] }""", "$.rankings[0].min")]
    [InlineData("""{ "rankings": [ { "min": 10, "label": "" } ] }""", "$.rankings[0].label")]
    [InlineData("""{ "rankings": [ { "min": 10, "label": "A" }, { "min": 10, "label": "B" } ] }""", "$.rankings[1].min")]
    [InlineData("""{ "questionTypes": { "rating_scale": { "min": 5, "max": 1 } } }""", "$.questionTypes.rating_scale")]
    [InlineData("""{ "questionTypes": { "multiple_choice": { "mode": "sometimes" } } }""", "$.questionTypes.multiple_choice.mode")]
    [InlineData("""{ "rankingz": [] }""", "$")]
    [InlineData("""{ "traits": [ { "label": "X", "all": [ { "metric": "mood", "op": ">", "value": 1 } ] } ] }""", "$.traits[0].all[0].metric")]
    [InlineData("""{ "traits": [ { "label": "X", "all": [ { "metric": "percentage", "op": "~", "value": 1 } ] } ] }""", "$.traits[0].all[0].op")]
    [InlineData("""{ "traits": [ { "label": "X", "all": [] } ] }""", "$.traits[0]")]
    [InlineData("""{ "traits": [ { "label": "A, B", "all": [ { "metric": "score", "op": ">", "value": 1 } ] } ] }""", "$.traits[0].label")]
    [InlineData("""{ "dimensions": ["D"], "innerDrives": [ { "label": "X", "all": [ { "metric": "dimension", "dimension": "Q", "op": ">", "value": 1 } ] } ] }""", "$.innerDrives[0].all[0].dimension")]
    [InlineData("""{ "personality": { "method": "rules" } }""", "$.personality.rules")]
    [InlineData("""{ "version": 2 }""", "$.version")]
    [InlineData("""{ "rankings": [ """, "$.rankings")]
    public void Invalid_scoring_json_is_refused_with_the_path_of_the_problem(string json, string path)
    {
        var logic = ScoringLogicParser.Parse(json, out var errors);

        Assert.Null(logic);
        Assert.Contains(errors, e => e.Path == path || e.Path.StartsWith(path, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void Blank_scoring_json_means_the_defaults_and_a_saved_form_round_trips()
    {
        Assert.NotNull(ScoringLogicParser.Parse(null, out var none));
        Assert.Empty(none);
        var logic = Logic("""{ "rankings": [ { "min": 50, "label": "Pass" } ], "personality": { "labels": { "D": "Driver" } } }""");
        var again = Logic(ScoringLogicParser.Serialize(logic));
        Assert.Equal("Pass", again.Rankings[0].Label);
        Assert.Equal("Driver", again.Personality!.Labels["D"]);
    }
}
