using System.Diagnostics;

namespace CrmPlatform.Bench.Generation;

/// <summary>
/// 20 public DISC-style assessments (8 four-option multiple-choice questions adding to D/I/S/C, one 1–5 rating and one
/// true/false each) and 100,000 completed responses with their 10 answers at full scale, taken by generated contacts.
/// The first assessment is the one the submit scenario posts to; its definition is shared through
/// <see cref="GenerationContext.Shared"/> ("assessmentSlug", "assessmentId", "assessmentQuestions").
/// </summary>
internal sealed class AssessmentsGenerator : IDataGenerator
{
    public const int Assessments = 20;
    public const int FullResponses = 100_000;
    public static readonly string[] Dimensions = ["D", "I", "S", "C"];
    public static readonly string[] Types = ["Dominance (D)", "Influence (I)", "Steadiness (S)", "Conscientiousness (C)"];

    public const string ScoringLogic = """
        {"version":1,"questionTypes":{"multiple_choice":{"mode":"option_points"},"true_false":{"mode":"correct_answer"},"rating_scale":{"min":1,"max":5,"weight":1}},
        "rankings":[{"min":80,"label":"Excellent"},{"min":50,"label":"Good"},{"min":0,"label":"Developing"}],
        "dimensions":["D","I","S","C"],
        "personality":{"method":"highest_dimension","labels":{"D":"Dominance (D)","I":"Influence (I)","S":"Steadiness (S)","C":"Conscientiousness (C)"},"default":"Balanced"},
        "traits":[{"label":"Decisive","all":[{"metric":"dimension","dimension":"D","op":">=","value":6}]},{"label":"Patient","all":[{"metric":"dimension","dimension":"S","op":">=","value":6}]},{"label":"High achiever","all":[{"metric":"percentage","op":">=","value":80}]}],
        "innerDrives":[{"label":"Results and control","all":[{"metric":"topDimension","equals":"D"}]}],
        "baselines":[{"label":"Fast-paced","any":[{"metric":"topDimension","equals":"D"},{"metric":"topDimension","equals":"I"}]}]}
        """;

    private static readonly string[] Prompts =
    [
        "When a deal stalls, what do you do first?", "In a team meeting you usually…", "A customer is upset. You…", "Your ideal working day is…",
        "When you plan a quarter you…", "Faced with a new tool you…", "Under a tight deadline you…", "Colleagues describe you as…",
    ];

    private static readonly string[][] Choices =
    [
        ["Push for a decision", "Call them and build rapport", "Give them time and check in", "Send a detailed comparison"],
        ["Lead the discussion", "Energise the room", "Support others' ideas", "Check the facts"],
        ["Fix it immediately", "Reassure them warmly", "Listen patiently", "Find the root cause"],
        ["Winning new business", "Meeting new people", "A steady routine", "Deep focused work"],
    ];

    public string Name => "assessments";
    public int Order => 30;

    /// <summary>One question as the submit scenario needs it: id, type, and option ids (multiple choice, true/false).</summary>
    internal sealed record GeneratedQuestion(Guid Id, string Type, Guid[] Options);

    public async Task<GenerationResult> GenerateAsync(GenerationContext context, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var random = context.Random;
        var contactIds = (Guid[])context.Shared["contactIds"];
        var assessments = new List<object?[]>();
        var questions = new List<object?[]>();
        var options = new List<object?[]>();
        var definitions = new List<GeneratedQuestion[]>();
        var optionInfo = new Dictionary<Guid, (string Text, int Points, string? Dimension, bool Correct)>();
        var questionInfo = new Dictionary<Guid, (string Text, string Type, int Max)>();
        var assessmentIds = new Guid[Assessments];
        var secret = new byte[10];
        string? firstSlug = null;
        for (var a = 0; a < Assessments; a++)
        {
            var at = context.Now.AddDays(-400 + a);
            var id = context.NewId(at);
            assessmentIds[a] = id;
            random.NextBytes(secret);
            var slug = Convert.ToHexStringLower(secret);
            firstSlug ??= slug;
            assessments.Add([id, $"Working style profile {a + 1:00}", "How you sell, decide and work with others.", a % 2 == 0 ? "sales" : "people_management",
                true, true, slug, ScoringLogic, context.AdminId, null, true, true, true, true, false, false, null, at, at]);
            var defs = new List<GeneratedQuestion>();
            for (var q = 0; q < 10; q++)
            {
                var qid = context.NewId(at);
                if (q < 8)
                {
                    var text = Prompts[q];
                    questions.Add([qid, text, "multiple_choice", 0, q, id, at, at]);
                    var ids = new Guid[4];
                    for (var o = 0; o < 4; o++)
                    {
                        ids[o] = context.NewId(at);
                        var points = (o + q) % 4 + 1;
                        var optionText = Choices[q % 4][o];
                        options.Add([ids[o], optionText, points, false, o, qid, $"{{\"{Dimensions[o]}\":2}}", at, at]);
                        optionInfo[ids[o]] = (optionText, points, Dimensions[o], false);
                    }
                    questionInfo[qid] = (text, "multiple_choice", 4);
                    defs.Add(new(qid, "multiple_choice", ids));
                }
                else if (q == 8)
                {
                    const string text = "How comfortable are you cold-calling a stranger?";
                    questions.Add([qid, text, "rating_scale", 5, q, id, at, at]);
                    questionInfo[qid] = (text, "rating_scale", 5);
                    defs.Add(new(qid, "rating_scale", []));
                }
                else
                {
                    const string text = "A qualified lead has budget, authority, need and timing.";
                    questions.Add([qid, text, "true_false", 3, q, id, at, at]);
                    Guid[] ids = [context.NewId(at), context.NewId(at)];
                    options.Add([ids[0], "True", 0, true, 0, qid, null, at, at]);
                    options.Add([ids[1], "False", 0, false, 1, qid, null, at, at]);
                    optionInfo[ids[0]] = ("True", 0, null, true);
                    optionInfo[ids[1]] = ("False", 0, null, false);
                    questionInfo[qid] = (text, "true_false", 3);
                    defs.Add(new(qid, "true_false", ids));
                }
            }
            definitions.Add([.. defs]);
        }
        long rows = await context.Writer.WriteAsync("assessments",
            ["id", "title", "description", "trait", "is_active", "is_public", "public_url", "scoring_logic", "created_by_id", "deleted_at", "show_score", "show_ranking",
             "show_personality_type", "show_traits", "ask_phone", "offer_to_leads", "contact_category_id", "created_at", "updated_at"], assessments, ct);
        rows += await context.Writer.WriteAsync("assessment_questions", ["id", "question", "type", "points", "sort_order", "assessment_id", "created_at", "updated_at"], questions, ct);
        rows += await context.Writer.WriteAsync("assessment_question_options",
            ["id", "text", "points", "is_correct", "sort_order", "question_id", "dimension_points", "created_at", "updated_at"], options, ct);
        context.Shared["assessmentSlug"] = firstSlug!;
        context.Shared["assessmentId"] = assessmentIds[0];
        context.Shared["assessmentQuestions"] = definitions[0];

        // Responses and answers are generated together: the answers decide the response's score and type.
        var count = context.Options.Scaled(Name, FullResponses);
        var answers = new List<object?[]>(count * 10);
        var span = TimeSpan.FromDays(365);
        IEnumerable<object?[]> Responses()
        {
            for (var r = 0; r < count; r++)
            {
                var created = context.Now - span + TimeSpan.FromTicks(span.Ticks / count * r);
                var id = context.NewId(created);
                var a = r % Assessments;
                var dims = new int[4];
                int total = 0, max = 0;
                foreach (var q in definitions[a])
                {
                    var (qText, qType, qMax) = questionInfo[q.Id];
                    Guid? optionId = null;
                    int? rating = null;
                    int points;
                    string? optionText = null, dimensionPoints = null;
                    if (qType == "rating_scale")
                    {
                        rating = random.Next(1, 6);
                        points = rating.Value;
                    }
                    else
                    {
                        var pick = q.Options[random.Next(q.Options.Length)];
                        var info = optionInfo[pick];
                        optionId = pick;
                        optionText = info.Text;
                        points = qType == "true_false" ? (info.Correct ? qMax : 0) : info.Points;
                        if (info.Dimension is { } d)
                        {
                            dims[Array.IndexOf(Dimensions, d)] += 2;
                            dimensionPoints = $"{{\"{d}\":2}}";
                        }
                    }
                    total += points;
                    max += qMax;
                    answers.Add([context.NewId(created), null, points, id, q.Id, optionId, rating, qText, qType, optionText, qMax, dimensionPoints, false, null, null, created, created]);
                }
                var percentage = Math.Round(total * 100m / max, 2);
                var top = 0;
                for (var d = 1; d < 4; d++)
                {
                    if (dims[d] > dims[top])
                    {
                        top = d;
                    }
                }
                var traits = string.Join(", ", new[] { dims[0] >= 6 ? "Decisive" : null, dims[2] >= 6 ? "Patient" : null, percentage >= 80 ? "High achiever" : null }.OfType<string>());
                yield return
                [
                    id, total, max, percentage, Types[top], traits.Length == 0 ? null : traits, percentage >= 80 ? "Excellent" : percentage >= 50 ? "Good" : "Developing",
                    assessmentIds[a], contactIds[random.Next(contactIds.Length)], "completed", top == 0 ? "Results and control" : null, top <= 1 ? "Fast-paced" : null,
                    $"{{\"D\":{dims[0]},\"I\":{dims[1]},\"S\":{dims[2]},\"C\":{dims[3]}}}", $"gen-{r:x8}", null, created, created,
                ];
            }
        }
        rows += await context.Writer.WriteAsync("assessment_responses",
            ["id", "total_score", "max_score", "percentage", "personality_type", "traits", "ranking", "assessment_id", "contact_id", "status", "inner_drives", "baselines",
             "dimension_scores", "submission_key", "submitted_by_id", "created_at", "updated_at"], Responses(), ct);
        rows += await context.Writer.WriteAsync("assessment_response_answers",
            ["id", "answer_text", "points", "response_id", "question_id", "option_id", "rating_value", "question_text", "question_type", "option_text", "max_points",
             "dimension_points", "pending_grading", "graded_by_id", "graded_at", "created_at", "updated_at"], answers, ct);
        return new GenerationResult(Name, rows, clock.Elapsed);
    }
}
