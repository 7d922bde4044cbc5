using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Contacts.Features;
using CrmPlatform.Contacts.Features.Imports;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.Contacts;

/// <summary>
/// Contact search through the trigram index (FTS5 on SQLite, pg_trgm on PostgreSQL): substring semantics, the index
/// kept in step with every write path, and the switch to walking the sorted list when a text matches many rows.
/// </summary>
public abstract class ContactSearchTests(CrmApp app) : IntegrationTest(app)
{
    private static readonly string[] TakeEmail = ["EmailId"];

    private static string Tag() => Guid.NewGuid().ToString("N")[..10];

    private async Task<List<Guid>> SearchAsync(HttpClient client, string q, string extra = "")
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?limit=200&q={Uri.EscapeDataString(q)}{extra}", Ct);
        return page.GetProperty("items").EnumerateArray().Select(c => c.Id()).ToList();
    }

    [Fact]
    public async Task Text_of_three_or_more_characters_matches_anywhere_in_name_company_or_email_and_shorter_text_matches_the_start()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var tag = Tag();
        var byName = ContactData.Body(name: $"Ann Be{tag}ll");
        var byCompany = ContactData.Body(name: "Carl Dunn");
        byCompany["company"] = $"Co{tag}rp Ltd";
        var byEmail = ContactData.Body(name: "Eve Fox", email: $"eve.{tag}.fox@example.com");
        var none = ContactData.Body(name: "Gil Hart");
        var ids = new List<Guid>();
        foreach (var body in new[] { byName, byCompany, byEmail, none })
        {
            ids.Add((await ContactData.CreateAsync(admin, body)).Id());
        }

        // Sorted by name like the list: Ann, Carl, Eve.
        Assert.Equal(ids.Take(3), await SearchAsync(admin, tag));
        Assert.Equal(ids.Take(3), await SearchAsync(admin, "  " + tag.ToUpperInvariant() + " "));
        Assert.Equal([ids[0]], await SearchAsync(admin, $"be{tag}ll"));
        Assert.Equal([ids[1]], await SearchAsync(admin, $"co{tag}rp ltd"));
        Assert.Equal([ids[2]], await SearchAsync(admin, $".{tag}.fox"));
        Assert.Empty(await SearchAsync(admin, $"{tag} zz"));
        // LIKE wildcards are plain characters.
        Assert.Empty(await SearchAsync(admin, $"{tag[..4]}%{tag[5..]}"));
        Assert.Empty(await SearchAsync(admin, $"{tag[..4]}_{tag[5..]}"));

        // Two characters: the start of the name (or company, or email) only.
        var starts = (await ContactData.CreateAsync(admin, ContactData.Body(name: $"Qj{tag}"))).Id();
        var inside = (await ContactData.CreateAsync(admin, ContactData.Body(name: $"Abe Qj{tag}"))).Id();
        var shortResults = await SearchAsync(admin, "qj");
        Assert.Contains(starts, shortResults);
        Assert.DoesNotContain(inside, shortResults);
        Assert.Equal([inside, starts], await SearchAsync(admin, $"qj{tag}"));
    }

    [Fact]
    public async Task Search_keeps_partner_scope_filters_and_cursor_paging()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var tag = Tag();
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var body = ContactData.Body(name: $"Pat {i} Mid{tag}");
            body["type"] = i % 2 == 0 ? "employee" : "entrepreneur";
            created.Add((await ContactData.CreateAsync(admin, body)).Id());
        }
        var (partner, partnerUser) = await App.ApiUserAsync(UserRole.Partner);
        TestContactScope.Grant(partnerUser.Id, created[1]);

        Assert.Equal([created[1]], await SearchAsync(partner, $"mid{tag}"));
        Assert.Equal([created[0], created[2], created[4]], await SearchAsync(admin, $"mid{tag}", "&type=employee"));

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?q=mid{tag}&sort=-name&limit=2{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}", Ct);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.Id()));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(Enumerable.Reverse(created), seen);
    }

    [Fact]
    public async Task The_index_follows_edits_soft_deletes_restores_merges_and_imports()
    {
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var tag = Tag();
        var body = ContactData.Body(name: $"Before{tag}");
        var id = (await ContactData.CreateAsync(staff, body)).Id();
        Assert.Equal([id], await SearchAsync(staff, $"before{tag}"));

        body["name"] = $"After{tag}";
        body["company"] = $"Firm{tag}";
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/v1/contacts/{id}", body, Ct)).StatusCode);
        Assert.Empty(await SearchAsync(staff, $"before{tag}"));
        Assert.Equal([id], await SearchAsync(staff, $"after{tag}"));
        Assert.Equal([id], await SearchAsync(staff, $"firm{tag}"));

        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"/api/v1/contacts/{id}", Ct)).StatusCode);
        Assert.Empty(await SearchAsync(staff, $"after{tag}"));
        Assert.Equal([id], await SearchAsync(staff, $"after{tag}", "&deleted=true"));
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/contacts/{id}/restore", null, Ct)).StatusCode);
        Assert.Equal([id], await SearchAsync(staff, $"after{tag}"));

        // Merge: the survivor takes the merged contact's email; the merged contact is gone from the list.
        var other = ContactData.Body(name: $"Other{tag}", email: $"merged.{tag}@example.com");
        var otherId = (await ContactData.CreateAsync(staff, other)).Id();
        var merge = await staff.PostAsJsonAsync($"/api/v1/contacts/{id}/merge", new { mergeWithId = otherId, fields = TakeEmail }, Ct);
        Assert.Equal(HttpStatusCode.OK, merge.StatusCode);
        Assert.Equal([id], await SearchAsync(staff, $"merged.{tag}"));
        Assert.Empty(await SearchAsync(staff, $"other{tag}"));

        // Rows the import writes in bulk are indexed too.
        var email = $"imported.{tag}@example.com";
        var job = await ImportData.ImportAsync(staff, $"Name,Email,Phone,Location,Type\nImported{tag},{email},{ContactData.Phone()},Leeds,employee\n");
        Assert.Equal(1, job.GetProperty("createdCount").GetInt32());
        var imported = await App.WithDbAsync(db => db.Set<Contact>().Where(c => c.EmailId == email).Select(c => c.Id).SingleAsync(Ct));
        Assert.Equal([imported], await SearchAsync(staff, $"imported{tag}"));
    }

    [Fact]
    public async Task A_text_matching_more_rows_than_the_index_limit_pages_through_every_match_in_order()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var tag = Tag();
        var count = ContactQuery.IndexedMatchLimit + 30;
        var contacts = Enumerable.Range(0, count).Select(i =>
        {
            var c = new Contact
            {
                Name = $"Dense {i:00000} {tag}",
                EmailId = $"dense{i}.{tag}@example.com",
                ContactNo = $"+1{(tag.GetHashCode() & 0x1FF) + 200}{i + 1_000_000:0000000}",
                Location = "Oslo",
                Type = ContactType.Employee,
            };
            c.Normalize();
            c.CreatedAt = c.UpdatedAt = DateTime.UtcNow;
            return c;
        }).ToList();
        await App.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await BulkInsert.WriteAsync(db, contacts, Ct);
            await transaction.CommitAsync(Ct);
        });

        var expected = contacts.OrderBy(c => c.NormalizedName, StringComparer.Ordinal).Select(c => c.Id).ToList();
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?q={tag}&limit=200{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}", Ct);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.Id()));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(expected, seen);
        Assert.Equal([contacts[1234].Id], await SearchAsync(admin, $"dense 01234 {tag}"));
    }

    [Fact]
    public async Task Imported_contacts_get_the_audit_entry_and_event_a_created_contact_gets()
    {
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var tag = Tag();
        var formEmail = $"form.{tag}@example.com";
        var importEmail = $"import.{tag}@example.com";
        var body = ContactData.Body(name: $"Same {tag}", email: formEmail);
        body["website"] = null;
        await ContactData.CreateAsync(staff, body);
        var job = await ImportData.ImportAsync(staff,
            $"Name,Email,Phone,Location,Type,Company,Designation,Industry\nSame {tag},{importEmail},{ContactData.Phone()},London,entrepreneur,Analytical Engines Ltd,Founder,Computing\n");
        Assert.Equal(1, job.GetProperty("createdCount").GetInt32());

        var (form, imported) = await App.WithDbAsync(async db =>
        {
            var ids = await db.Set<Contact>().Where(c => c.EmailId == formEmail || c.EmailId == importEmail).ToDictionaryAsync(c => c.EmailId, c => c.Id.ToString(), Ct);
            var entries = await db.AuditLog.Where(a => a.EntityType == "Contact" && (a.EntityId == ids[formEmail] || a.EntityId == ids[importEmail])).ToListAsync(Ct);
            return (entries.Single(a => a.EntityId == ids[formEmail]), entries.Single(a => a.EntityId == ids[importEmail]));
        });
        Assert.Equal("created", imported.Action);
        Assert.Equal(form.UserId, imported.UserId);
        using var formChanges = JsonDocument.Parse(form.Changes);
        using var importChanges = JsonDocument.Parse(imported.Changes);
        var formFields = formChanges.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("new").ToString());
        var importFields = importChanges.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("new").ToString());
        Assert.Equal(formFields.Keys.Order(), importFields.Keys.Order());
        foreach (var field in new[] { "Name", "Location", "Type", "Company", "Designation", "Industry", "CreatedById" })
        {
            Assert.Equal(formFields[field], importFields[field]);
        }
        Assert.Equal(importEmail, importFields["EmailId"]);

        var payloads = await App.WithDbAsync(db => db.Outbox.Where(o => o.Type == "ContactCreated" && (o.Payload.Contains(formEmail) || o.Payload.Contains(importEmail)))
            .Select(o => o.Payload).ToListAsync(Ct));
        Assert.Equal(2, payloads.Count);
        var shapes = payloads.Select(p => string.Join(",", JsonDocument.Parse(p).RootElement.EnumerateObject().Select(x => x.Name))).Distinct().ToList();
        Assert.Single(shapes);
    }
}

public sealed class ContactSearchTestsOnSqlite(ContactToolsSqliteApp app) : ContactSearchTests(app), IClassFixture<ContactToolsSqliteApp>;

public sealed class ContactSearchTestsOnPostgres(ContactToolsPostgresApp app) : ContactSearchTests(app), IClassFixture<ContactToolsPostgresApp>;
