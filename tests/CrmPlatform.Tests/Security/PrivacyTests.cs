using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Assessments.Data;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Storage;
using CrmPlatform.Core.Users;
using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.Questionnaires.Data;
using CrmPlatform.Tests.Assessments;
using CrmPlatform.Tests.CrmTrackers;
using CrmPlatform.Tests.Infrastructure;
using CrmPlatform.Tests.Questionnaires;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Security;

/// <summary>Data-subject requests: export everything held about a contact, and erase a contact on request.</summary>
public abstract class PrivacyTests(CrmApp app) : IntegrationTest(app)
{
    private sealed record Subject(Contact Contact, string Marker, string AttachmentKey);

    /// <summary>A contact with data in every module; every personal text carries <c>Marker</c> so leftovers can be found.</summary>
    private async Task<Subject> SubjectAsync()
    {
        var marker = "zq" + Guid.NewGuid().ToString("N")[..10];
        var contact = await App.ContactAsync($"{marker}@tests.local");
        var key = $"tests/{marker}.txt";
        await using (var content = new MemoryStream("attached secret"u8.ToArray()))
        {
            await App.Services.GetRequiredService<IFileStore>().SaveAsync(key, content, Ct);
        }
        var tracker = await App.TrackerAsync();
        var lead = await App.LeadAsync(tracker, contact);
        await App.WithDbAsync(async db =>
        {
            var stored = await db.Set<Contact>().SingleAsync(c => c.Id == contact.Id, Ct);
            stored.Name = $"Person {marker}";
            stored.Company = $"Company {marker}";
            stored.Traits = $"Trait {marker}";
            stored.Normalize();
            db.Add(new ContactNote { ContactId = contact.Id, Content = $"Note {marker}", AttachmentUrl = key, AttachmentName = $"{marker}.txt" });
            db.Add(new ContactActivity { ContactId = contact.Id, Type = ActivityType.Call, Title = $"Call {marker}", Description = $"About {marker}" });
            db.Add(new ContactSocialLink { ContactId = contact.Id, Platform = SocialPlatform.Linkedin, Url = $"https://www.linkedin.com/in/{marker}", Username = marker });
            var lead2 = await db.Set<Lead>().SingleAsync(l => l.Id == lead.Id, Ct);
            lead2.Title = $"Deal {marker}";
            lead2.Description = $"Description {marker}";
            lead2.Normalize();
            db.Add(new LeadFieldValue { LeadId = lead.Id, FieldId = tracker.Field("buyer_email"), Value = $"{marker}@buyer.local" });
            db.Add(new LeadNote { LeadId = lead.Id, Content = $"Lead note {marker}" });
            await db.SaveChangesAsync(Ct);
        });
        var anonymous = await App.ApiClientAsync(null);
        var assessment = await SampleAssessment.CreateAsync(App, withEssay: true);
        var submitted = await anonymous.PostAsJsonAsync($"/api/v1/public/assessments/{assessment.Slug}/responses", assessment.Body(contact.EmailId, phone: null, essay: $"Essay {marker}"), Ct);
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync(Ct));
        var questionnaire = await SampleQuestionnaire.CreateAsync(App);
        var answered = await anonymous.PostAsJsonAsync($"/api/v1/public/questionnaires/{questionnaire.Slug}/responses", questionnaire.Body(contact.EmailId, questionnaire.Answers(text: $"Opinion {marker}")), Ct);
        Assert.True(answered.IsSuccessStatusCode, await answered.Content.ReadAsStringAsync(Ct));
        await App.DrainEventsAsync();
        return new Subject(contact, marker, key);
    }

    [Fact]
    public async Task Export_holds_every_module_data_about_the_contact_and_is_audited()
    {
        var subject = await SubjectAsync();
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var response = await admin.GetAsync($"/api/v1/contacts/{subject.Contact.Id}/privacy-export", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var json = await response.Content.ReadAsStringAsync(Ct);
        var document = JsonDocument.Parse(json).RootElement;

        Assert.Equal($"Person {subject.Marker}", document.GetProperty("contact").GetProperty("name").GetString());
        Assert.Equal($"Note {subject.Marker}", document.GetProperty("notes")[0].GetProperty("content").GetString());
        Assert.Equal($"Call {subject.Marker}", document.GetProperty("activities")[0].GetProperty("title").GetString());
        Assert.Equal(subject.Marker, document.GetProperty("socialLinks")[0].GetProperty("username").GetString());
        var lead = document.GetProperty("leads")[0];
        Assert.Equal($"Deal {subject.Marker}", lead.GetProperty("title").GetString());
        Assert.Equal($"Lead note {subject.Marker}", lead.GetProperty("notes")[0].GetProperty("content").GetString());
        Assert.Contains(lead.GetProperty("fields").EnumerateArray(), f => f.GetProperty("value").GetString() == $"{subject.Marker}@buyer.local");
        Assert.Contains(document.GetProperty("assessmentResponses")[0].GetProperty("answers").EnumerateArray(), a => a.GetProperty("answerText").GetString() == $"Essay {subject.Marker}");
        Assert.Contains(document.GetProperty("questionnaireResponses")[0].GetProperty("answers").EnumerateArray(), a => a.GetProperty("answerText").GetString() == $"Opinion {subject.Marker}");

        var audit = await App.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(a => a.EntityId == subject.Contact.Id.ToString() && a.Action == "exported").ToListAsync(Ct));
        Assert.Single(audit);
        Assert.NotNull(audit[0].UserId);
        Assert.DoesNotContain(subject.Marker, audit[0].Changes);
    }

    [Fact]
    public async Task Erase_leaves_no_personal_data_in_any_column_removes_attachments_and_keeps_counts()
    {
        var subject = await SubjectAsync();
        var before = await CountsAsync(subject.Contact.Id);
        Assert.NotEmpty(await RowsContainingAsync(subject.Marker));

        var admin = await App.ApiClientAsync(UserRole.Admin);
        var response = await admin.PostAsync($"/api/v1/contacts/{subject.Contact.Id}/erase", null, Ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        // Not one text column of any table still holds the marker, the email or the phone number.
        Assert.Empty(await RowsContainingAsync(subject.Marker));
        Assert.Empty(await RowsContainingAsync(subject.Contact.ContactNo));
        Assert.Null(await App.Services.GetRequiredService<IFileStore>().OpenReadAsync(subject.AttachmentKey, Ct));

        var after = await CountsAsync(subject.Contact.Id);
        Assert.Equal(before with { SocialLinks = 0 }, after);
        var contact = await App.WithDbAsync(db => db.Set<Contact>().IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == subject.Contact.Id, Ct));
        Assert.Equal("Erased contact", contact.Name);
        Assert.NotNull(contact.DeletedAt);
        Assert.Equal(subject.Contact.Type, contact.Type);
        var erased = await App.WithDbAsync(db => db.AuditLog.AsNoTracking().SingleAsync(a => a.EntityId == subject.Contact.Id.ToString() && a.Action == "erased", Ct));
        Assert.NotNull(erased.UserId);

        // Erasing twice is harmless; the export of an erased contact holds no personal data.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/contacts/{subject.Contact.Id}/erase", null, Ct)).StatusCode);
        var export = await admin.GetStringAsync($"/api/v1/contacts/{subject.Contact.Id}/privacy-export", Ct);
        Assert.DoesNotContain(subject.Marker, export);
    }

    [Fact]
    public async Task Only_holders_of_the_privacy_permission_export_or_erase()
    {
        var subject = await SubjectAsync();
        foreach (var role in new UserRole?[] { UserRole.InternalStaff, UserRole.Partner, UserRole.Lead, null })
        {
            var client = await App.ApiClientAsync(role);
            var expected = role is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            Assert.Equal(expected, (await client.GetAsync($"/api/v1/contacts/{subject.Contact.Id}/privacy-export", Ct)).StatusCode);
            Assert.Equal(expected, (await client.PostAsync($"/api/v1/contacts/{subject.Contact.Id}/erase", null, Ct)).StatusCode);
        }
        var staff = await App.ScreenClientAsync(UserRole.InternalStaff);
        var page = await staff.GetStringAsync($"/admin/contacts/{subject.Contact.Id}", Ct);
        Assert.DoesNotContain("handler=PrivacyExport", page);
        AssertDenied(await staff.GetAsync($"/admin/contacts/{subject.Contact.Id}?handler=PrivacyExport", Ct));
        AssertDenied(await CrmApp.PostFormAsync(staff, $"/admin/contacts/{subject.Contact.Id}?handler=Erase", [], $"/admin/contacts/{subject.Contact.Id}"));
        Assert.Contains(subject.Marker, (await RowsContainingAsync(subject.Marker))[0]);

        var admin = await App.ApiClientAsync(UserRole.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/contacts/{Guid.NewGuid()}/privacy-export", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/contacts/{Guid.NewGuid()}/erase", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Admin_exports_and_erases_from_the_contact_page_after_a_confirmation()
    {
        var subject = await SubjectAsync();
        var admin = await App.ScreenClientAsync(UserRole.Admin);
        var page = await admin.GetStringAsync($"/admin/contacts/{subject.Contact.Id}", Ct);
        Assert.Contains("handler=PrivacyExport", page);
        Assert.Contains("data-confirm=\"Erase", page);
        var download = await admin.GetAsync($"/admin/contacts/{subject.Contact.Id}?handler=PrivacyExport", Ct);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains(subject.Marker, await download.Content.ReadAsStringAsync(Ct));

        var erased = await CrmApp.PostFormAsync(admin, $"/admin/contacts/{subject.Contact.Id}?handler=Erase", [], $"/admin/contacts/{subject.Contact.Id}");
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        Assert.Empty(await RowsContainingAsync(subject.Marker));
    }

    private static void AssertDenied(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Forbidden)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/access-denied", response.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
        }
    }

    private sealed record Counts(int Contacts, int Notes, int Activities, int SocialLinks, int Leads, int LeadNotes, int AssessmentResponses, int AssessmentAnswers, int QuestionnaireResponses, int QuestionnaireAnswers);

    private Task<Counts> CountsAsync(Guid contactId) => App.WithDbAsync(async db => new Counts(
        await db.Set<Contact>().IgnoreQueryFilters().CountAsync(Ct),
        await db.Set<ContactNote>().CountAsync(n => n.ContactId == contactId, Ct),
        await db.Set<ContactActivity>().CountAsync(n => n.ContactId == contactId, Ct),
        await db.Set<ContactSocialLink>().CountAsync(n => n.ContactId == contactId, Ct),
        await db.Set<Lead>().IgnoreQueryFilters().CountAsync(l => l.ContactId == contactId, Ct),
        await db.Set<LeadNote>().CountAsync(n => n.Lead!.ContactId == contactId, Ct),
        await db.Set<AssessmentResponse>().CountAsync(r => r.ContactId == contactId, Ct),
        await db.Set<AssessmentResponseAnswer>().CountAsync(a => a.Response!.ContactId == contactId, Ct),
        await db.Set<QuestionnaireResponse>().CountAsync(r => r.ContactId == contactId, Ct),
        await db.Set<QuestionnaireResponseAnswer>().CountAsync(a => a.Response!.ContactId == contactId, Ct)));

    /// <summary>"table.column" of every text value in the database that contains <paramref name="needle"/>.</summary>
    private Task<List<string>> RowsContainingAsync(string needle) => App.WithDbAsync(async db =>
    {
        var hits = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).Where(t => t is not null).Distinct())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using DbDataReader reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!reader.IsDBNull(i) && reader.GetValue(i) is string text && text.Contains(needle, StringComparison.OrdinalIgnoreCase))
                    {
                        hits.Add($"{table}.{reader.GetName(i)}: {text}");
                    }
                }
            }
        }
        return hits;
    });
}

public sealed class PrivacyTestsOnSqlite(SqliteApp app) : PrivacyTests(app), IClassFixture<SqliteApp>;

public sealed class PrivacyTestsOnPostgres(PostgresApp app) : PrivacyTests(app), IClassFixture<PostgresApp>;
