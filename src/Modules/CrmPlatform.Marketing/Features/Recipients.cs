using CrmPlatform.Core.Data;
using CrmPlatform.Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Marketing.Features;

/// <summary>
/// The recipients of a campaign, resolved in the database: the category's contacts that are not deleted, not unsubscribed,
/// have a usable address for the channel (an email with an @ for email; an E.164 number for SMS and WhatsApp — phones are
/// stored in E.164 by Contacts) and have no message of this campaign yet. The rows are created with one
/// INSERT … SELECT, so 100,000 recipients cost one statement, not 100,000 EF inserts.
/// </summary>
internal static class Recipients
{
    private static string Where(MarketingCampaign campaign) => $$"""
        c.category_id = {0} AND c.deleted_at IS NULL
        AND {{(campaign.Type == CampaignType.Email ? "c.email_id LIKE '%_@_%._%'" : "c.contact_no LIKE '+%' AND length(c.contact_no) BETWEEN 8 AND 16")}}
        AND NOT EXISTS (SELECT 1 FROM marketing_unsubscribes u WHERE u.contact_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM marketing_messages m WHERE m.campaign_id = {1} AND m.contact_id = c.id)
        """;

    public static async Task<int> CountAsync(CrmDbContext db, MarketingCampaign campaign, CancellationToken ct)
    {
        if (campaign.CategoryId is not { } category)
        {
            return 0;
        }
#pragma warning disable EF1003 // the SQL is built from constants only; every value is a parameter
        return await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM contacts c WHERE " + Where(campaign), category, campaign.Id).SingleAsync(ct);
#pragma warning restore EF1003
    }

    public static Task<int> InsertAsync(CrmDbContext db, MarketingCampaign campaign, DateTime now, CancellationToken ct)
    {
        if (campaign.CategoryId is not { } category)
        {
            return Task.FromResult(0);
        }
        var address = campaign.Type == CampaignType.Email ? "c.email_id" : "c.contact_no";
        // Ids: random UUIDs made by the database (gen_random_uuid on PostgreSQL; on SQLite the same canonical upper-case
        // text EF Core stores, from randomblob, materialised once per row so each id is one random value).
        var where = Where(campaign);
        var sql = db.IsPostgres
            ? $$"""
               INSERT INTO marketing_messages (id, status, campaign_id, contact_id, recipient, attempts, next_attempt_at, created_at, updated_at)
               SELECT gen_random_uuid(), 'pending', {1}, c.id, {{address}}, 0, {2}, {2}, {2}
               FROM contacts c WHERE {{where}}
               """
            : $$"""
               WITH r AS MATERIALIZED (SELECT c.id AS contact_id, {{address}} AS recipient, hex(randomblob(16)) AS h FROM contacts c WHERE {{where}})
               INSERT INTO marketing_messages (id, status, campaign_id, contact_id, recipient, attempts, next_attempt_at, created_at, updated_at)
               SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89AB', 1 + (unicode(substr(h, 17, 1)) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12),
                      'pending', {1}, contact_id, recipient, 0, {2}, {2}, {2}
               FROM r
               """;
        return db.Database.ExecuteSqlRawAsync(sql, [category, campaign.Id, now], ct);
    }
}
