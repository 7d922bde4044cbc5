using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Contacts.Features;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Contacts;

public abstract class NotesActivitiesLinksTests(CrmApp app) : IntegrationTest(app)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF");

    private static MultipartFormDataContent NoteForm(string content, string fileName, byte[] bytes)
    {
        var form = new MultipartFormDataContent { { new StringContent(content), "content" } };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "attachment", fileName);
        return form;
    }

    private Task<int> NoteCountAsync(Guid contactId) => App.WithDbAsync(db => db.Set<ContactNote>().CountAsync(n => n.ContactId == contactId, Ct));

    [Fact]
    public async Task Note_with_attachment_is_stored_and_downloaded_only_as_an_attachment()
    {
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var contact = await ContactData.CreateAsync(staff);

        var response = await staff.PostAsync($"/api/v1/contacts/{contact.Id()}/notes", NoteForm("Signed the NDA", "../Contract: final.pdf", Pdf), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var note = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Contract final.pdf", note.GetProperty("attachmentName").GetString());

        var download = await staff.GetAsync($"/api/v1/contacts/{contact.Id()}/notes/{note.Id()}/attachment", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("Contract final.pdf", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync(Ct));

        var events = await App.WithDbAsync(db => db.Outbox.CountAsync(o => o.Type == "NoteAdded" && o.Payload.Contains(note.Id().ToString()), Ct));
        Assert.Equal(1, events);
    }

    public static TheoryData<string, int, string> BadAttachments => new()
    {
        { "virus.exe", 0, "MZ" },
        { "page.html", 0, "<html><script>alert(1)</script></html>" },
        { "fake.pdf", 0, "<html>not a pdf</html>" },
        { "image.png", 0, "GIF89a" },
        { "notes.txt", 0, "<script>alert(1)</script>" },
        { "empty.pdf", 0, "" },
        { "huge.pdf", 10 * 1024 * 1024 + 1, "%PDF-" },
    };

    [Theory]
    [MemberData(nameof(BadAttachments))]
    public async Task Oversize_empty_or_forbidden_attachments_are_refused_and_nothing_is_written(string fileName, int size, string head)
    {
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var contact = await ContactData.CreateAsync(staff);
        var bytes = new byte[Math.Max(size, Encoding.ASCII.GetByteCount(head))];
        Encoding.ASCII.GetBytes(head).CopyTo(bytes, 0);

        var response = await staff.PostAsync($"/api/v1/contacts/{contact.Id()}/notes", NoteForm("With a bad file", fileName, bytes), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("attachment", out _));
        Assert.Equal(0, await NoteCountAsync(contact.Id()));
    }

    [Fact]
    public async Task Notes_are_validated_edited_and_deleted_through_json()
    {
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var contact = await ContactData.CreateAsync(staff);
        var url = $"/api/v1/contacts/{contact.Id()}/notes";

        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync(url, new { content = "  " }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync(url, new { content = new string('n', 10_001) }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsync(url, new StringContent("{\"content\": 5}", Encoding.UTF8, "application/json"), Ct)).StatusCode);
        Assert.Equal(0, await NoteCountAsync(contact.Id()));

        var created = await (await staff.PostAsJsonAsync(url, new { content = "<b>bold</b> claim" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("<b>bold</b> claim", created.GetProperty("content").GetString());
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"{url}/{created.Id()}", new { content = "Edited" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PutAsJsonAsync($"{url}/{Guid.NewGuid()}", new { content = "Edited" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"{url}/{created.Id()}", Ct)).StatusCode);
        Assert.Equal(0, await NoteCountAsync(contact.Id()));
    }

    [Fact]
    public async Task Attachment_of_a_contact_outside_the_partners_scope_answers_404()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var contact = await ContactData.CreateAsync(admin);
        var note = await (await admin.PostAsync($"/api/v1/contacts/{contact.Id()}/notes", NoteForm("File", "a.pdf", Pdf), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var url = $"/api/v1/contacts/{contact.Id()}/notes/{note.Id()}/attachment";
        var (partner, partnerUser) = await App.ApiUserAsync(UserRole.Partner);
        var lead = await App.ApiClientAsync(UserRole.Lead);

        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.GetAsync(url, Ct)).StatusCode);
        TestContactScope.Grant(partnerUser.Id, contact.Id());
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PostAsJsonAsync($"/api/v1/contacts/{contact.Id()}/notes", new { content = "x" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Activities_are_added_completed_edited_and_deleted_and_bad_input_is_refused()
    {
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var contact = await ContactData.CreateAsync(staff);
        var url = $"/api/v1/contacts/{contact.Id()}/activities";

        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync(url, new { type = "party", title = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync(url, new { type = "call" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync(url, new { type = "call", title = new string('t', 201) }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync(url, new { type = "call", title = "x", scheduledAt = "tomorrow" }, Ct)).StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.Set<ContactActivity>().CountAsync(a => a.ContactId == contact.Id(), Ct)));

        var created = await (await staff.PostAsJsonAsync(url, new { type = "meeting", title = "Kick-off", scheduledAt = DateTime.UtcNow.AddDays(2) }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("meeting", created.GetProperty("type").GetString());
        var completed = await (await staff.PostAsync($"{url}/{created.Id()}/complete", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(completed.GetProperty("isCompleted").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"{url}/{created.Id()}", new { type = "call", title = "Call instead" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"{url}/{created.Id()}", Ct)).StatusCode);
    }

    [Fact]
    public async Task My_activities_splits_the_users_open_activities_into_overdue_today_and_upcoming()
    {
        var (staff, _) = await App.ApiUserAsync(UserRole.InternalStaff);
        var contact = await ContactData.CreateAsync(staff);
        var url = $"/api/v1/contacts/{contact.Id()}/activities";
        await staff.PostAsJsonAsync(url, new { type = "call", title = "Late", scheduledAt = DateTime.UtcNow.AddDays(-1) }, Ct);
        await staff.PostAsJsonAsync(url, new { type = "todo", title = "Later", scheduledAt = DateTime.UtcNow.AddDays(3) }, Ct);
        await staff.PostAsJsonAsync(url, new { type = "other", title = "Done", scheduledAt = DateTime.UtcNow.AddDays(-1), isCompleted = true }, Ct);

        var mine = await staff.GetFromJsonAsync<JsonElement>("/api/v1/my-activities", Ct);

        Assert.Equal(["Late"], mine.GetProperty("overdue").EnumerateArray().Select(a => a.GetProperty("title").GetString()));
        Assert.Equal(["Later"], mine.GetProperty("upcoming").EnumerateArray().Select(a => a.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task A_due_activity_raises_ActivityDue_once_even_when_two_scanners_race()
    {
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var contact = await ContactData.CreateAsync(staff);
        var created = await (await staff.PostAsJsonAsync($"/api/v1/contacts/{contact.Id()}/activities", new { type = "reminder", title = "Follow up", scheduledAt = DateTime.UtcNow.AddMinutes(-1) }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var future = await (await staff.PostAsJsonAsync($"/api/v1/contacts/{contact.Id()}/activities", new { type = "reminder", title = "Not yet", scheduledAt = DateTime.UtcNow.AddDays(1) }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var scanner = App.Services.GetRequiredService<ActivityDueScanner>();

        await Task.WhenAll(scanner.ScanAsync(Ct), scanner.ScanAsync(Ct));
        await scanner.ScanAsync(Ct);

        var raised = await App.WithDbAsync(db => db.Outbox.Where(o => o.Type == "ActivityDue").Select(o => o.Payload).ToListAsync(Ct));
        Assert.Single(raised, p => p.Contains(created.Id().ToString()));
        Assert.DoesNotContain(raised, p => p.Contains(future.Id().ToString()));
    }

    [Fact]
    public async Task A_note_activity_or_link_addressed_through_another_contact_answers_404_and_is_untouched()
    {
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var owner = await ContactData.CreateAsync(staff);
        var other = await ContactData.CreateAsync(staff);
        var note = await (await staff.PostAsJsonAsync($"/api/v1/contacts/{owner.Id()}/notes", new { content = "Mine" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var activity = await (await staff.PostAsJsonAsync($"/api/v1/contacts/{owner.Id()}/activities", new { type = "call", title = "Mine" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var link = await (await staff.PostAsJsonAsync($"/api/v1/contacts/{owner.Id()}/social-links", new { platform = "other", url = "https://example.org" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var via = $"/api/v1/contacts/{other.Id()}";

        Assert.Equal(HttpStatusCode.NotFound, (await staff.PutAsJsonAsync($"{via}/notes/{note.Id()}", new { content = "Theirs" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.DeleteAsync($"{via}/notes/{note.Id()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"{via}/notes/{note.Id()}/attachment", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PutAsJsonAsync($"{via}/activities/{activity.Id()}", new { type = "call", title = "Theirs" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsync($"{via}/activities/{activity.Id()}/complete", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.DeleteAsync($"{via}/social-links/{link.Id()}", Ct)).StatusCode);
        Assert.Equal("Mine", await App.WithDbAsync(db => db.Set<ContactNote>().Where(n => n.Id == note.Id()).Select(n => n.Content).SingleAsync(Ct)));
        Assert.Equal(1, await App.WithDbAsync(db => db.Set<ContactSocialLink>().CountAsync(l => l.Id == link.Id(), Ct)));
    }

    public static TheoryData<string, string> BadLinks => new()
    {
        { "linkedin", "https://facebook.com/ada" },
        { "linkedin", "https://notlinkedin.com/in/ada" },
        { "facebook", "https://linkedin.com/in/ada" },
        { "twitter", "https://twiter.com/ada" },
        { "youtube", "https://vimeo.com/ada" },
        { "instagram", "javascript:alert(1)" },
        { "other", "not a url" },
        { "myspace", "https://myspace.com/ada" },
    };

    [Theory]
    [MemberData(nameof(BadLinks))]
    public async Task Social_link_must_be_a_web_address_on_its_platform(string platform, string url)
    {
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var contact = await ContactData.CreateAsync(staff);
        var response = await staff.PostAsJsonAsync($"/api/v1/contacts/{contact.Id()}/social-links", new { platform, url }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.Set<ContactSocialLink>().CountAsync(l => l.ContactId == contact.Id(), Ct)));
    }

    [Theory]
    [InlineData("linkedin", "https://www.linkedin.com/in/ada")]
    [InlineData("twitter", "https://x.com/ada")]
    [InlineData("twitter", "https://twitter.com/ada")]
    [InlineData("youtube", "https://youtu.be/abc")]
    [InlineData("other", "https://mastodon.social/@ada")]
    public async Task Social_link_on_its_platform_is_added_edited_and_deleted(string platform, string url)
    {
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var contact = await ContactData.CreateAsync(staff);
        var links = $"/api/v1/contacts/{contact.Id()}/social-links";
        var created = await staff.PostAsJsonAsync(links, new { platform, url, username = "ada" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var link = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"{links}/{link.Id()}", new { platform = "other", url = "https://example.org/ada" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"{links}/{link.Id()}", Ct)).StatusCode);
    }
}

public sealed class NotesActivitiesLinksTestsOnSqlite(ContactsSqliteApp app) : NotesActivitiesLinksTests(app), IClassFixture<ContactsSqliteApp>;

public sealed class NotesActivitiesLinksTestsOnPostgres(ContactsPostgresApp app) : NotesActivitiesLinksTests(app), IClassFixture<ContactsPostgresApp>;
