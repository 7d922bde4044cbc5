using System.Diagnostics;

namespace CrmPlatform.Bench.Generation;

/// <summary>
/// 10 questionnaires of eight questions (every type: two multiple choice, two ratings 1–5, yes/no, two checkbox, text)
/// and, at full scale, 100,000 responses on the first one (about 900,000 answer rows) plus 1,000 on each of the others,
/// taken by generated contacts over the last year, with the running totals the application keeps for the summary
/// (<c>questionnaire_summary_counts</c>) as a submission would have written them. Deterministic for a seed: each
/// response draws its answers from its own seeded generator, so responses, answers and totals are written in three
/// streaming passes without holding the answers in memory. Shares "questionnaireId" (the measured one).
/// </summary>
internal sealed class QuestionnairesGenerator : IDataGenerator
{
    public const int Questionnaires = 10;
    public const int FullResponses = 100_000;
    public const int FullOtherResponses = 1_000;

    private static readonly (string Text, string Type, bool Required, string[] Options)[] Questions =
    [
        ("How did you hear about us?", "multiple_choice", true, ["Search engine", "A colleague", "Social media", "An event", "Advertising"]),
        ("Which plan did you choose?", "multiple_choice", true, ["Starter", "Team", "Business", "Enterprise"]),
        ("How easy was the sign-up?", "rating_scale", true, []),
        ("How likely are you to recommend us?", "rating_scale", false, []),
        ("Did onboarding meet your expectations?", "yes_no", true, ["Yes", "No"]),
        ("Which features do you use?", "checkbox", false, ["Contacts", "Pipelines", "Assessments", "Questionnaires", "Campaigns", "Workflows"]),
        ("What should we improve?", "text", false, []),
        ("Which channels suit you for updates?", "checkbox", false, ["Email", "Phone", "Newsletter", "In-app"]),
    ];

    private static readonly string[] Remarks =
    [
        "Onboarding was quick, the import took a while.", "More templates for campaigns, please.", "The pipeline board is great.",
        "Reports could export to PDF.", "Phone support was very helpful.", "I would like a mobile app.", "Setting up workflows took some reading.",
        "Everything worked as expected.", "Search could be faster on big lists.", "Please add more chart types to summaries.",
    ];

    public string Name => "questionnaires";
    public int Order => 40;

    private sealed record Generated(Guid Id, Guid[] QuestionIds, Guid[][] OptionIds);

    public async Task<GenerationResult> GenerateAsync(GenerationContext context, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var random = context.Random;
        var contactIds = (Guid[])context.Shared["contactIds"];
        var questionnaires = new List<object?[]>();
        var questions = new List<object?[]>();
        var options = new List<object?[]>();
        var generated = new Generated[Questionnaires];
        var secret = new byte[10];
        for (var n = 0; n < Questionnaires; n++)
        {
            var at = context.Now.AddDays(-400 + n);
            var id = context.NewId(at);
            random.NextBytes(secret);
            questionnaires.Add([id, $"Customer onboarding survey {n + 1:00}", "How the first weeks went.", true, context.AdminId, null,
                Convert.ToHexStringLower(secret), true, false, null, 1, 5, at, at]);
            var questionIds = new Guid[Questions.Length];
            var optionIds = new Guid[Questions.Length][];
            for (var q = 0; q < Questions.Length; q++)
            {
                var (text, type, required, choices) = Questions[q];
                questionIds[q] = context.NewId(at);
                questions.Add([questionIds[q], text, type, required, q, null, id, at, at]);
                optionIds[q] = new Guid[choices.Length];
                for (var o = 0; o < choices.Length; o++)
                {
                    optionIds[q][o] = context.NewId(at);
                    options.Add([optionIds[q][o], choices[o], o, questionIds[q], at, at]);
                }
            }
            generated[n] = new Generated(id, questionIds, optionIds);
        }
        long rows = await context.Writer.WriteAsync("questionnaires",
            ["id", "title", "description", "is_active", "created_by_id", "deleted_at", "public_url", "is_public", "offer_to_leads", "contact_category_id",
             "rating_min", "rating_max", "created_at", "updated_at"], questionnaires, ct);
        rows += await context.Writer.WriteAsync("questionnaire_questions",
            ["id", "question", "type", "is_required", "sort_order", "help_text", "questionnaire_id", "created_at", "updated_at"], questions, ct);
        rows += await context.Writer.WriteAsync("questionnaire_question_options", ["id", "text", "sort_order", "question_id", "created_at", "updated_at"], options, ct);
        context.Shared["questionnaireId"] = generated[0].Id;

        // Response r: questionnaire, time, contact and id from the shared generator; its answers from its own seed.
        var main = context.Options.Scaled(Name, FullResponses);
        var others = context.Options.Scaled(Name, FullOtherResponses);
        var total = main + others * (Questionnaires - 1);
        var span = TimeSpan.FromDays(365);
        var responses = new (Guid Id, int Questionnaire, DateTime At, Guid Contact)[total];
        for (var r = 0; r < total; r++)
        {
            var n = r < main ? 0 : 1 + (r - main) / others;
            var at = context.Now - span + TimeSpan.FromTicks(span.Ticks / total * r);
            responses[r] = (context.NewId(at), n, at, contactIds[random.Next(contactIds.Length)]);
        }
        rows += await context.Writer.WriteAsync("questionnaire_responses",
            ["id", "questionnaire_id", "contact_id", "submission_key", "submitted_by_id", "created_at", "updated_at"],
            responses.Select((x, r) => new object?[] { x.Id, generated[x.Questionnaire].Id, x.Contact, $"gen-{r:x8}", null, x.At, x.At }), ct);

        var counts = new Dictionary<(Guid Questionnaire, Guid Question, string Bucket), long>();
        void Add(Guid questionnaire, Guid question, string bucket) =>
            counts[(questionnaire, question, bucket)] = counts.GetValueOrDefault((questionnaire, question, bucket)) + 1;
        IEnumerable<object?[]> Answers()
        {
            for (var r = 0; r < total; r++)
            {
                var (responseId, n, at, _) = responses[r];
                var g = generated[n];
                var own = new Random(unchecked(context.Options.Seed * 1_000_003 + r));
                Add(g.Id, Guid.Empty, "");
                for (var q = 0; q < Questions.Length; q++)
                {
                    var (text, type, required, choices) = Questions[q];
                    if (!required && own.Next(100) < (type == "text" ? 70 : 20))
                    {
                        continue;
                    }
                    var picks = type switch
                    {
                        "checkbox" => Enumerable.Range(0, choices.Length).Where(_ => own.Next(100) < 35).DefaultIfEmpty(own.Next(choices.Length)).ToArray(),
                        "multiple_choice" or "yes_no" => [Math.Min(choices.Length - 1, (int)(Math.Pow(own.NextDouble(), 1.6) * choices.Length))],
                        _ => [],
                    };
                    Add(g.Id, g.QuestionIds[q], "");
                    if (type == "rating_scale")
                    {
                        var rating = 1 + Math.Min(4, (int)(Math.Sqrt(own.NextDouble()) * 5));
                        Add(g.Id, g.QuestionIds[q], "r:" + rating);
                        yield return [NewId(own, at), null, responseId, g.QuestionIds[q], null, rating, text, type, null, at, at];
                    }
                    else if (type == "text")
                    {
                        yield return [NewId(own, at), Remarks[own.Next(Remarks.Length)], responseId, g.QuestionIds[q], null, null, text, type, null, at, at];
                    }
                    foreach (var o in picks)
                    {
                        Add(g.Id, g.QuestionIds[q], "o:" + g.OptionIds[q][o].ToString("N"));
                        yield return [NewId(own, at), null, responseId, g.QuestionIds[q], g.OptionIds[q][o], null, text, type, choices[o], at, at];
                    }
                }
            }
        }
        rows += await context.Writer.WriteAsync("questionnaire_response_answers",
            ["id", "answer_text", "response_id", "question_id", "option_id", "rating_value", "question_text", "question_type", "option_text", "created_at", "updated_at"],
            Answers(), ct);
        rows += await context.Writer.WriteAsync("questionnaire_summary_counts", ["questionnaire_id", "question_id", "bucket", "tally"],
            counts.OrderBy(c => c.Key.Questionnaire).ThenBy(c => c.Key.Question).ThenBy(c => c.Key.Bucket, StringComparer.Ordinal)
                .Select(c => new object?[] { c.Key.Questionnaire, c.Key.Question, c.Key.Bucket, c.Value }), ct);
        return new GenerationResult(Name, rows, clock.Elapsed);
    }

    /// <summary>A UUID v7 at <paramref name="at"/> from the response's own generator (like <see cref="GenerationContext.NewId"/>).</summary>
    private static Guid NewId(Random random, DateTime at)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var ms = (ulong)new DateTimeOffset(at).ToUnixTimeMilliseconds();
        bytes[0] = (byte)(ms >> 40); bytes[1] = (byte)(ms >> 32); bytes[2] = (byte)(ms >> 24);
        bytes[3] = (byte)(ms >> 16); bytes[4] = (byte)(ms >> 8); bytes[5] = (byte)ms;
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
