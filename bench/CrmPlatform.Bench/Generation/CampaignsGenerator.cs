namespace CrmPlatform.Bench.Generation;

/// <summary>
/// Issue 9's marketing data: 50 completed email campaigns with 1,000,000 messages at scale 1 (20,000 each), spread over
/// the generated contacts, with sent/opened/clicked timestamps and counters that equal the rows. Written with the bulk
/// paths (prepared batches in one transaction on SQLite, binary COPY on PostgreSQL).
/// </summary>
internal sealed class CampaignsGenerator : IDataGenerator
{
    public const int FullCampaigns = 50;
    public const int FullMessages = 1_000_000;

    public string Name => "campaigns";
    public int Order => 50;

    public async Task<GenerationResult> GenerateAsync(GenerationContext context, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        var contactIds = (Guid[])context.Shared["contactIds"];
        var categoryIds = (Guid[])context.Shared["categoryIds"];
        var campaigns = Math.Max(1, context.Options.Scaled(Name, FullCampaigns));
        var perCampaign = Math.Max(1, context.Options.Scaled(Name, FullMessages) / campaigns);
        perCampaign = Math.Min(perCampaign, contactIds.Length);
        var random = context.Random;
        var rows = new List<object?[]>(campaigns);
        var messages = new List<(Guid Campaign, int Offset, DateTime SentAt)>(campaigns);
        var counters = new List<(int Opened, int Clicked)>();
        for (var c = 0; c < campaigns; c++)
        {
            var sentAt = context.Now.AddDays(-campaigns + c);
            messages.Add((context.NewId(sentAt.AddHours(-1)), random.Next(contactIds.Length), sentAt));
        }
        // Deterministic opens/clicks: message i of a campaign is opened when i % 10 < 3, clicked when i % 10 == 0.
        int Opened(int n) => n / 10 * 3 + Math.Min(n % 10, 3);
        int Clicked(int n) => (n + 9) / 10;
        foreach (var (id, _, sentAt) in messages)
        {
            rows.Add([id, $"Generated campaign {sentAt:yyyy-MM-dd}", "Bench data", "email", "completed", "Hello {{ contact.first_name }}",
                "<p>Hello {{ contact.name }}</p><p><a href=\"https://example.com\">Offer</a></p>", null, sentAt, null,
                perCampaign, perCampaign, 0, Opened(perCampaign), Clicked(perCampaign), context.AdminId, categoryIds[random.Next(categoryIds.Length)], null,
                sentAt.AddHours(-1), sentAt]);
        }
        long written = await context.Writer.WriteAsync("marketing_campaigns",
            ["id", "name", "description", "type", "status", "subject", "content", "scheduled_at", "sent_at", "paused_at", "total_recipients", "sent_count",
             "delivered_count", "opened_count", "clicked_count", "created_by_id", "category_id", "deleted_at", "created_at", "updated_at"], rows, ct);

        IEnumerable<object?[]> Messages()
        {
            foreach (var (campaignId, offset, sentAt) in messages)
            {
                for (var i = 0; i < perCampaign; i++)
                {
                    var at = sentAt.AddMilliseconds(i * 2);
                    var opened = i % 10 < 3 ? at.AddMinutes(5 + i % 50) : (DateTime?)null;
                    var clicked = i % 10 == 0 ? at.AddMinutes(6 + i % 50) : (DateTime?)null;
                    var status = clicked is not null ? "clicked" : opened is not null ? "opened" : "sent";
                    yield return [context.NewId(at), status, at, null, opened, clicked, null, campaignId, contactIds[(offset + i) % contactIds.Length],
                        $"recipient{i}@example.com", 1, at, null, null, null, at, at];
                }
            }
        }
        written += await context.Writer.WriteAsync("marketing_messages",
            ["id", "status", "sent_at", "delivered_at", "opened_at", "clicked_at", "error_message", "campaign_id", "contact_id",
             "recipient", "attempts", "next_attempt_at", "locked_until", "locked_by", "provider_message_id", "created_at", "updated_at"], Messages(), ct);
        return new GenerationResult(Name, written, DateTime.UtcNow - started);
    }
}
