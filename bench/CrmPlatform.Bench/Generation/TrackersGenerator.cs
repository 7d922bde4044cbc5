using System.Diagnostics;
using System.Text.Json;

namespace CrmPlatform.Bench.Generation;

/// <summary>
/// 10 trackers with seven custom fields each (select, number, multi_select, boolean, date, text, email), and 200,000
/// leads at full scale spread over the trackers and the eight statuses, with their field values and a note on one lead
/// in five. Leads reference the generated contacts and users; everything comes from the seeded random.
/// </summary>
internal sealed class TrackersGenerator : IDataGenerator
{
    public const int FullLeads = 200_000;
    public const int TrackerCount = 10;
    public string Name => "trackers";
    public int Order => 20;

    public static readonly string[] Industries = ["Software", "Retail", "Finance", "Health", "Energy", "Logistics"];
    public static readonly string[] Sources = ["Website", "Referral", "Event", "Cold call", "Partner"];
    public static readonly string[] Tags = ["hot", "enterprise", "smb", "renewal", "upsell", "trial"];

    // Weighted like a real pipeline: most leads are early or closed.
    private static readonly (string Status, int Weight)[] Statuses =
        [("new", 25), ("contacted", 18), ("qualified", 12), ("proposal", 9), ("negotiation", 6), ("closed_won", 10), ("closed_lost", 15), ("on_hold", 5)];

    public async Task<GenerationResult> GenerateAsync(GenerationContext context, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var random = context.Random;
        var contactIds = (Guid[])context.Shared["contactIds"];
        var trackers = new List<TrackerIds>();
        var trackerRows = new List<object?[]>();
        var fieldRows = new List<object?[]>();
        for (var t = 0; t < TrackerCount; t++)
        {
            var at = context.Now.AddDays(-800 + t);
            var id = context.NewId(at);
            trackerRows.Add([id, $"Pipeline {t + 1:00}", $"Generated tracker {t + 1}", true, context.AdminId, at, at]);
            object?[] Field(string name, string label, string type, bool required, string[]? options, int order) =>
                [context.NewId(at), name, label, type, required, options is null ? null : JsonSerializer.Serialize(options), null, null, order, id, at, at];
            var fields = new[]
            {
                Field("industry", "Industry", "select", true, Industries, 0),
                Field("employees", "Employees", "number", false, null, 1),
                Field("tags", "Tags", "multi_select", false, Tags, 2),
                Field("priority", "Priority", "boolean", false, null, 3),
                Field("renewal", "Renewal date", "date", false, null, 4),
                Field("source", "Source", "select", false, Sources, 5),
                Field("champion_email", "Champion email", "email", false, null, 6),
            };
            fieldRows.AddRange(fields);
            trackers.Add(new TrackerIds(id, [.. fields.Select(f => (Guid)f[0]!)]));
        }
        long rows = await context.Writer.WriteAsync("crm_trackers", ["id", "name", "description", "is_active", "created_by_id", "created_at", "updated_at"], trackerRows, ct);
        rows += await context.Writer.WriteAsync("crm_fields",
            ["id", "name", "label", "type", "is_required", "options", "placeholder", "help_text", "sort_order", "tracker_id", "created_at", "updated_at"], fieldRows, ct);
        context.Shared["trackerIds"] = trackers.Select(t => t.Id).ToArray();
        context.Shared["trackerIndustryFieldIds"] = trackers.Select(t => t.FieldIds[0]).ToArray();

        var count = context.Options.Scaled(Name, FullLeads);
        var totalWeight = Statuses.Sum(s => s.Weight);
        var span = TimeSpan.FromDays(730);
        var leads = new (Guid Id, int Tracker, DateTime Created)[count];
        IEnumerable<object?[]> Leads()
        {
            for (var i = 0; i < count; i++)
            {
                var created = context.Now - span + TimeSpan.FromTicks(span.Ticks / count * i);
                var updated = created.AddHours(random.Next(0, 24 * 60));
                if (updated > context.Now)
                {
                    updated = context.Now;
                }
                var tracker = random.Next(TrackerCount);
                var pick = random.Next(totalWeight);
                var status = Statuses[0].Status;
                foreach (var (s, w) in Statuses)
                {
                    if (pick < w)
                    {
                        status = s;
                        break;
                    }
                    pick -= w;
                }
                var id = context.NewId(created);
                leads[i] = (id, tracker, created);
                var company = $"{random.Pick(Names.CompanyStem)} {random.Pick(Names.CompanySuffix)}";
                var title = $"{company} deal {i}";
                decimal? value = random.Next(8) == 0 ? null : Math.Round((decimal)(random.NextDouble() * 250_000), 2);
                DateTime? close = random.Next(6) == 0 ? null : created.Date.AddDays(random.Next(14, 240));
                if (close is { } c)
                {
                    close = DateTime.SpecifyKind(c, DateTimeKind.Utc);
                }
                Guid? assignee = random.Next(10) == 0 ? null : context.UserIds[random.Next(context.UserIds.Count)];
                yield return
                [
                    id, title, random.Next(3) == 0 ? $"Generated lead {i} for {company}." : null, status, value, close,
                    contactIds[random.Next(contactIds.Length)], trackers[tracker].Id, assignee, context.AdminId, null,
                    title.ToLowerInvariant(), created, updated,
                ];
            }
        }
        rows += await context.Writer.WriteAsync("leads",
            ["id", "title", "description", "status", "estimated_value", "expected_close_date", "contact_id", "tracker_id", "assigned_to_id", "created_by_id", "deleted_at",
             "normalized_title", "created_at", "updated_at"], Leads(), ct);

        IEnumerable<object?[]> Values()
        {
            for (var i = 0; i < count; i++)
            {
                var (leadId, tracker, created) = leads[i];
                var fields = trackers[tracker].FieldIds;
                // industry is required: every lead has it; the others are present some of the time.
                yield return [context.NewId(created), random.Pick(Industries), leadId, fields[0], created, created];
                if (random.Next(2) == 0)
                {
                    yield return [context.NewId(created), random.Next(1, 5000).ToString(System.Globalization.CultureInfo.InvariantCulture), leadId, fields[1], created, created];
                }
                if (random.Next(3) == 0)
                {
                    var tags = Tags.Where(_ => random.Next(3) == 0).DefaultIfEmpty(Tags[0]).ToArray();
                    yield return [context.NewId(created), JsonSerializer.Serialize(tags), leadId, fields[2], created, created];
                }
                if (random.Next(3) == 0)
                {
                    yield return [context.NewId(created), random.Next(2) == 0 ? "true" : "false", leadId, fields[3], created, created];
                }
                if (random.Next(4) == 0)
                {
                    yield return [context.NewId(created), created.AddDays(random.Next(30, 400)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), leadId, fields[4], created, created];
                }
                if (random.Next(2) == 0)
                {
                    yield return [context.NewId(created), random.Pick(Sources), leadId, fields[5], created, created];
                }
                if (random.Next(5) == 0)
                {
                    yield return [context.NewId(created), $"champion{i}@example{i % 53}.com", leadId, fields[6], created, created];
                }
            }
        }
        rows += await context.Writer.WriteAsync("lead_field_values", ["id", "value", "lead_id", "field_id", "created_at", "updated_at"], Values(), ct);

        IEnumerable<object?[]> Notes()
        {
            for (var i = 0; i < count; i += 5)
            {
                var (leadId, _, created) = leads[i];
                var at = created.AddHours(random.Next(1, 200));
                yield return [context.NewId(at), $"Spoke with the buyer about lead {i}: next step is a demo.", leadId, context.UserIds[random.Next(context.UserIds.Count)], at, at];
            }
        }
        rows += await context.Writer.WriteAsync("lead_notes", ["id", "content", "lead_id", "created_by_id", "created_at", "updated_at"], Notes(), ct);
        return new GenerationResult(Name, rows, clock.Elapsed);
    }

    private sealed record TrackerIds(Guid Id, Guid[] FieldIds);
}
