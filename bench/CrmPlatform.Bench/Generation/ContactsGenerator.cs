using System.Diagnostics;
using CrmPlatform.Core.Data;

namespace CrmPlatform.Bench.Generation;

/// <summary>
/// 20 categories, 1,000,000 contacts (unique email and E.164 phone), and 1,000,000 each of notes, activities and
/// social links at full scale. Contact ids are shared with later generators (leads, responses, messages).
/// </summary>
internal sealed class ContactsGenerator : IDataGenerator
{
    public const int FullContacts = 1_000_000;
    public string Name => "contacts";
    public int Order => 10;

    public async Task<GenerationResult> GenerateAsync(GenerationContext context, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var random = context.Random;
        var categories = Enumerable.Range(0, 20).Select(i => (Id: context.NewId(context.Now.AddDays(-500 + i)), Name: $"Category {i + 1:00}")).ToList();
        long rows = await context.Writer.WriteAsync("contact_categories", ["id", "name", "normalized_name", "description", "is_active", "created_at", "updated_at"],
            categories.Select(c => new object?[] { c.Id, c.Name, c.Name.ToLowerInvariant(), "Generated category", true, context.Now, context.Now }), ct);
        context.Shared["categoryIds"] = categories.Select(c => c.Id).ToArray();

        var count = context.Options.Scaled(FullContacts);
        var ids = new Guid[count];
        var emails = new string[count];
        var span = TimeSpan.FromDays(730);
        IEnumerable<object?[]> Contacts()
        {
            for (var i = 0; i < count; i++)
            {
                var created = context.Now - span + TimeSpan.FromTicks(span.Ticks / count * i);
                var first = random.Pick(Names.First);
                var last = random.Pick(Names.Last);
                var name = $"{first} {last}";
                var company = random.Next(10) == 0 ? null : $"{random.Pick(Names.CompanyStem)} {random.Pick(Names.CompanySuffix)}";
                var email = $"{first}.{last}.{i}@example{i % 97}.com".ToLowerInvariant();
                var phone = $"+1{201 + i / 10_000_000}{i % 10_000_000:0000000}";
                ids[i] = context.NewId(created);
                emails[i] = email;
                yield return
                [
                    ids[i], name, phone, email, random.Pick(Names.Locations), random.Next(3) == 0 ? "entrepreneur" : "employee",
                    company, random.Pick(Names.Designations), random.Pick(Names.Industries), company is null ? null : $"https://www.{company.Split(' ')[0].ToLowerInvariant()}.example",
                    null, null, null, random.Next(4) == 0 ? random.Pick(Names.Personality) : null,
                    categories[random.Next(categories.Count)].Id, context.UserIds[random.Next(context.UserIds.Count)], null,
                    name.ToLowerInvariant(), company?.ToLowerInvariant() ?? "", created, created,
                ];
            }
        }
        // Bulk path for the search index (migration ContactSearch): dropped during the load and built once after it,
        // instead of being maintained row by row.
        var sqlite = context.Writer.Provider == DatabaseProvider.Sqlite;
        foreach (var statement in sqlite ? Data.Sqlite.ManualMigrations.ContactSearch.DropTriggers : Data.PostgreSql.ManualMigrations.ContactSearch.DropIndexes)
        {
            await context.Writer.ExecuteAsync(statement, ct);
        }
        rows += await context.Writer.WriteAsync("contacts",
            ["id", "name", "contact_no", "email_id", "location", "type", "company", "designation", "industry", "website", "inner_drives", "baselines", "traits",
             "personality_type", "category_id", "created_by_id", "deleted_at", "normalized_name", "normalized_company", "created_at", "updated_at"], Contacts(), ct);
        foreach (var statement in sqlite ? Data.Sqlite.ManualMigrations.ContactSearch.Rebuild : Data.PostgreSql.ManualMigrations.ContactSearch.CreateIndexes)
        {
            await context.Writer.ExecuteAsync(statement, ct);
        }
        context.Shared["contactIds"] = ids;
        context.Shared["contactEmails"] = emails;

        var children = context.Options.Scaled(FullContacts);
        IEnumerable<object?[]> Notes()
        {
            for (var i = 0; i < children; i++)
            {
                var at = context.Now.AddMinutes(-i);
                yield return [context.NewId(at), $"Call notes {i}: discussed pricing and next steps.", null, null, ids[random.Next(count)], context.AdminId, at, at];
            }
        }
        rows += await context.Writer.WriteAsync("contact_notes", ["id", "content", "attachment_url", "attachment_name", "contact_id", "created_by_id", "created_at", "updated_at"], Notes(), ct);

        string[] activityTypes = ["reminder", "todo", "meeting", "call", "email", "other"];
        IEnumerable<object?[]> Activities()
        {
            for (var i = 0; i < children; i++)
            {
                var at = context.Now.AddMinutes(-i);
                var scheduled = context.Now.AddHours(random.Next(-2000, 2000));
                // Every generated activity counts as notified, so the due-activity worker has nothing to do during the
                // run and the data does not depend on the day it is generated (deterministic for a seed).
                yield return [context.NewId(at), random.Pick(activityTypes), $"Follow up {i}", null, scheduled, scheduled < context.Now, ids[random.Next(count)], context.UserIds[random.Next(context.UserIds.Count)],
                    scheduled, at, at];
            }
        }
        rows += await context.Writer.WriteAsync("contact_activities", ["id", "type", "title", "description", "scheduled_at", "is_completed", "contact_id", "created_by_id", "due_notified_at", "created_at", "updated_at"], Activities(), ct);

        string[] platforms = ["facebook", "linkedin", "instagram", "twitter", "youtube"];
        IEnumerable<object?[]> Links()
        {
            for (var i = 0; i < children; i++)
            {
                var at = context.Now.AddMinutes(-i);
                var platform = random.Pick(platforms);
                yield return [context.NewId(at), platform, $"https://www.{platform}.com/user{i}", $"user{i}", ids[random.Next(count)], at, at];
            }
        }
        rows += await context.Writer.WriteAsync("contact_social_links", ["id", "platform", "url", "username", "contact_id", "created_at", "updated_at"], Links(), ct);
        return new GenerationResult(Name, rows, clock.Elapsed);
    }
}
