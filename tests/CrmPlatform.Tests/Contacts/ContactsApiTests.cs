using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.Contacts;

public abstract class ContactsApiTests(CrmApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task Staff_creates_reads_updates_deletes_and_restores_a_contact()
    {
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var body = ContactData.Body(email: "  Grace.Hopper." + Guid.NewGuid().ToString("N")[..6] + "@Example.COM ", phone: "(415) 555-2671");
        body["phone"] = null;
        var created = await ContactData.CreateAsync(staff, body);
        var id = created.Id();

        Assert.Equal(((string)body["emailId"]!).Trim().ToLowerInvariant(), created.GetProperty("emailId").GetString());
        Assert.Equal("+14155552671", created.GetProperty("contactNo").GetString());
        Assert.Equal("entrepreneur", created.GetProperty("type").GetString());

        body["name"] = "Grace Brewster Hopper";
        body["type"] = "employee";
        var updated = await staff.PutAsJsonAsync($"/api/v1/contacts/{id}", body, Ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var read = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/{id}", Ct);
        Assert.Equal("Grace Brewster Hopper", read.GetProperty("name").GetString());
        Assert.Equal("employee", read.GetProperty("type").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"/api/v1/contacts/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/v1/contacts/{id}", Ct)).StatusCode);
        var deletedList = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?deleted=true&q={Uri.EscapeDataString((string)body["emailId"]!)}", Ct);
        Assert.Single(deletedList.GetProperty("items").EnumerateArray());

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/contacts/{id}/restore", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/contacts/{id}", Ct)).StatusCode);
    }

    public static TheoryData<string, object?, string> BadFields => new()
    {
        { "name", null, "name" },
        { "name", "   ", "name" },
        { "name", new string('x', 201), "name" },
        { "emailId", null, "emailId" },
        { "emailId", "not-an-email", "emailId" },
        { "emailId", "a@b", "emailId" },
        { "emailId", "x@" + new string('y', 260) + ".com", "emailId" },
        { "contactNo", null, "contactNo" },
        { "contactNo", "12345", "contactNo" },
        { "contactNo", "call me", "contactNo" },
        { "location", null, "location" },
        { "type", null, "type" },
        { "website", "ftp://example.com", "website" },
        { "website", "javascript:alert(1)", "website" },
        { "website", "example", "website" },
        { "company", new string('c', 201), "company" },
        { "categoryId", Guid.NewGuid(), "categoryId" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Invalid_contact_is_refused_with_the_field_and_nothing_is_written(string field, object? value, string errorKey)
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var body = ContactData.Body();
        body[field] = value;
        var before = await App.CountContactsAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/contacts", body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(errorKey, out _), await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(before, await App.CountContactsAsync());
    }

    [Theory]
    [InlineData("""{"name":"A","emailId":"a@example.com","contactNo":"+14155550000","location":"X","type":"astronaut"}""")]
    [InlineData("""{"name":"A","emailId":"a@example.com","contactNo":"+14155550000","location":"X","type":1}""")]
    [InlineData("""{"name":["A"],"emailId":"a@example.com","contactNo":"+14155550000","location":"X","type":"employee"}""")]
    [InlineData("""{"name":"A","emailId":"a@example.com","contactNo":"+14155550000","location":"X","type":"employee","categoryId":"nope"}""")]
    [InlineData("""not json""")]
    public async Task Malformed_json_or_unknown_enum_answers_400_and_writes_nothing(string json)
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var before = await App.CountContactsAsync();
        var response = await admin.PostAsync("/api/v1/contacts", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await App.CountContactsAsync());
    }

    [Fact]
    public async Task Duplicate_email_in_other_case_and_same_phone_in_other_format_are_refused_with_a_link()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var email = ContactData.Email();
        var phone = ContactData.Phone();
        var existing = await ContactData.CreateAsync(admin, ContactData.Body(email: email, phone: phone));
        var before = await App.CountContactsAsync();
        var eventsBefore = await App.WithDbAsync(db => db.Outbox.CountAsync(o => o.Type == "ContactCreated", Ct));

        var sameEmail = await admin.PostAsJsonAsync("/api/v1/contacts", ContactData.Body(email: " " + email.ToUpperInvariant()), Ct);
        var formatted = $"+1 ({phone[2..5]}) {phone[5..8]}-{phone[8..]}";
        var samePhone = await admin.PostAsJsonAsync("/api/v1/contacts", ContactData.Body(phone: formatted), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, sameEmail.StatusCode);
        Assert.Contains($"/admin/contacts/{existing.Id()}", await sameEmail.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, samePhone.StatusCode);
        var problem = await samePhone.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("contactNo", out _));
        Assert.Equal(before, await App.CountContactsAsync());
        Assert.Equal(eventsBefore, await App.WithDbAsync(db => db.Outbox.CountAsync(o => o.Type == "ContactCreated", Ct)));
    }

    [Fact]
    public async Task Email_of_a_deleted_contact_is_refused_with_a_message_that_offers_restore()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var email = ContactData.Email();
        var deleted = await ContactData.CreateAsync(admin, ContactData.Body(email: email));
        await admin.DeleteAsync($"/api/v1/contacts/{deleted.Id()}", Ct);

        var response = await admin.PostAsJsonAsync("/api/v1/contacts", ContactData.Body(email: email), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("deleted", text);
        Assert.Contains(deleted.Id().ToString(), text);
    }

    [Fact]
    public async Task Editing_to_another_contacts_email_is_refused()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var first = await ContactData.CreateAsync(admin);
        var second = await ContactData.CreateAsync(admin);
        var body = ContactData.Body(email: first.GetProperty("emailId").GetString());
        var response = await admin.PutAsJsonAsync($"/api/v1/contacts/{second.Id()}", body, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var stored = await App.WithDbAsync(db => db.Set<Contact>().AsNoTracking().SingleAsync(c => c.Id == second.Id(), Ct));
        Assert.Equal(second.GetProperty("emailId").GetString(), stored.EmailId);
    }

    [Fact]
    public async Task Unknown_ids_answer_404_on_every_contact_endpoint()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/contacts/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/v1/contacts/{id}", ContactData.Body(), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/v1/contacts/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/contacts/{id}/restore", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/contacts/{id}/notes", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/contacts/{id}/activities", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/contacts/{id}/social-links", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/contacts/not-a-guid", Ct)).StatusCode);
    }

    [Fact]
    public async Task Roles_get_what_their_permissions_allow()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var contact = await ContactData.CreateAsync(admin);
        var partner = await App.ApiClientAsync(UserRole.Partner);
        var lead = await App.ApiClientAsync(UserRole.Lead);
        var anonymous = await App.ApiClientAsync(null);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/contacts", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/contacts", ContactData.Body(), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync("/api/v1/contacts", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PostAsJsonAsync("/api/v1/contacts", ContactData.Body(), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PutAsJsonAsync($"/api/v1/contacts/{contact.Id()}", ContactData.Body(), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.DeleteAsync($"/api/v1/contacts/{contact.Id()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PostAsJsonAsync("/api/v1/contact-categories", new { name = "P" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Partner_sees_only_contacts_in_scope_and_404_for_the_rest()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var mine = await ContactData.CreateAsync(admin);
        var other = await ContactData.CreateAsync(admin);
        var (partner, partnerUser) = await App.ApiUserAsync(UserRole.Partner);
        var (unscoped, _) = await App.ApiUserAsync(UserRole.Partner);
        TestContactScope.Grant(partnerUser.Id, mine.Id());

        var list = await partner.GetFromJsonAsync<JsonElement>("/api/v1/contacts?limit=200", Ct);
        var ids = list.GetProperty("items").EnumerateArray().Select(c => c.Id()).ToList();
        Assert.Equal([mine.Id()], ids);
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync($"/api/v1/contacts/{mine.Id()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync($"/api/v1/contacts/{mine.Id()}/notes", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/v1/contacts/{other.Id()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/v1/contacts/{other.Id()}/notes", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/v1/contacts/{other.Id()}/activities", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/v1/contacts/{other.Id()}/social-links", Ct)).StatusCode);

        var none = await unscoped.GetFromJsonAsync<JsonElement>("/api/v1/contacts", Ct);
        Assert.Empty(none.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Search_filters_sort_and_cursor_paging_walk_the_whole_list_once()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var created = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            var body = ContactData.Body(name: $"Zed {tag} {i}");
            body["company"] = $"{tag} Co";
            body["industry"] = i % 2 == 0 ? $"Even{tag}" : $"Odd{tag}";
            body["type"] = i % 2 == 0 ? "employee" : "entrepreneur";
            created.Add((await ContactData.CreateAsync(admin, body)).Id());
        }

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?q={tag}&sort=-name&limit=3{(cursor is null ? "" : "&cursor=" + cursor)}", Ct);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.Id()));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(Enumerable.Reverse(created), seen);

        var filtered = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?industry=Even{tag}&type=employee", Ct);
        Assert.Equal(4, filtered.GetProperty("items").GetArrayLength());
        var byName = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?q=zed%20{tag}%203", Ct);
        Assert.Equal(created[3], Assert.Single(byName.GetProperty("items").EnumerateArray()).Id());
    }

    [Theory]
    [InlineData("sort=shoe")]
    [InlineData("type=astronaut")]
    [InlineData("cursor=%%%")]
    [InlineData("limit=100000")]
    [InlineData("createdFrom=2026-05-01&createdTo=2026-01-01")]
    [InlineData("createdFrom=yesterday")]
    [InlineData("categoryId=nope")]
    public async Task Bad_list_parameters_answer_400(string query)
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var response = await admin.GetAsync($"/api/v1/contacts?{query}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Create_update_and_delete_write_their_events_to_the_outbox_with_the_change()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var body = ContactData.Body();
        var contact = await ContactData.CreateAsync(admin, body);
        body["location"] = "Paris";
        await admin.PutAsJsonAsync($"/api/v1/contacts/{contact.Id()}", body, Ct);
        await admin.DeleteAsync($"/api/v1/contacts/{contact.Id()}", Ct);

        var events = await App.WithDbAsync(db => db.Outbox.AsNoTracking().Where(o => o.Payload.Contains(contact.Id().ToString())).OrderBy(o => o.CreatedAt).ThenBy(o => o.Id).ToListAsync(Ct));
        Assert.Equal(["ContactCreated", "ContactUpdated", "ContactDeleted"], events.Select(e => e.Type));
        Assert.Equal("entrepreneur", JsonDocument.Parse(events[0].Payload).RootElement.GetProperty("type").GetString());
        var updated = JsonDocument.Parse(events[1].Payload).RootElement;
        Assert.Equal(["Location"], updated.GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()));
        await App.DrainEventsAsync();
    }

    [Fact]
    public async Task An_event_raised_with_a_change_that_fails_to_save_is_not_written()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var existing = await ContactData.CreateAsync(admin);
        var clash = new Contact
        {
            Name = "Clash", EmailId = existing.GetProperty("emailId").GetString()!, ContactNo = ContactData.Phone(), Location = "X", Type = ContactType.Employee,
        };
        clash.Normalize();

        await Assert.ThrowsAsync<DbUpdateException>(() => App.WithDbAsync(async db =>
        {
            db.Add(clash);
            db.Raise(new CrmPlatform.Contacts.ContactCreated(clash.Id, clash.Name, clash.EmailId, clash.ContactNo, "employee", null, null, null));
            await db.SaveChangesAsync(Ct);
        }));

        Assert.Equal(0, await App.WithDbAsync(db => db.Outbox.CountAsync(o => o.Payload.Contains(clash.Id.ToString()), Ct)));
    }

    [Fact]
    public async Task Script_in_text_fields_is_stored_as_text_and_returned_as_json_string()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var body = ContactData.Body(name: "<script>alert('x')</script>");
        var contact = await ContactData.CreateAsync(admin, body);
        Assert.Equal("<script>alert('x')</script>", contact.GetProperty("name").GetString());
    }
}

public sealed class ContactsApiTestsOnSqlite(ContactsSqliteApp app) : ContactsApiTests(app), IClassFixture<ContactsSqliteApp>;

public sealed class ContactsApiTestsOnPostgres(ContactsPostgresApp app) : ContactsApiTests(app), IClassFixture<ContactsPostgresApp>;
