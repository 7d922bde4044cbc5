using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.Contacts;

public abstract class ContactImportTests(CrmApp app) : IntegrationTest(app)
{
    private static string Row(string name, string email, string phone, string type = "employee", string location = "Leeds") =>
        $"{name},{email},{phone},{location},{type},Acme Ltd\n";

    private const string Header = "Full Name,Email,Phone,City,Type,Company\n";

    /// <summary>
    /// Batches are of two records in these fixtures: lines 2–3, 4–5 and 6. A record failing validation is rejected on its
    /// own; the valid records of its batch (line 2 with line 3, line 6 alone) are still written with the batch.
    /// </summary>
    [Fact]
    public async Task Import_writes_good_rows_and_reports_every_bad_row_with_its_line_and_reason()
    {
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var (a, b, c) = (ContactData.Email(), ContactData.Email(), ContactData.Email());
        var csv = Header
            + Row("Good One", a, ContactData.Phone())
            + Row("Bad Email", "not-an-email", ContactData.Phone())
            + Row("Bad Type", b, ContactData.Phone(), type: "boss")
            + Row("", c, ContactData.Phone())
            + Row("Good Two", c, ContactData.Phone());

        var job = await ImportData.ImportAsync(staff, csv);

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(2, job.GetProperty("createdCount").GetInt32());
        Assert.Equal(3, job.GetProperty("rejectedCount").GetInt32());
        Assert.Equal(5, job.GetProperty("processedRows").GetInt32());
        var created = await App.WithDbAsync(db => db.Set<Contact>().Where(x => x.EmailId == a || x.EmailId == c).Select(x => x.Name).ToListAsync(Ct));
        Assert.Equal(["Good One", "Good Two"], created.Order());
        var events = await App.WithDbAsync(db => db.Outbox.CountAsync(o => o.Type == "ContactCreated" && (o.Payload.Contains(a) || o.Payload.Contains(c)), Ct));
        Assert.Equal(2, events);

        var report = await staff.GetStringAsync($"/api/v1/contacts/imports/{job.GetProperty("id").GetGuid()}/rejected.csv", Ct);
        var lines = report.Trim('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("line,reason,record", lines[0]);
        Assert.StartsWith("3,", lines[1]);
        Assert.Contains("Email", lines[1]);
        Assert.StartsWith("4,", lines[2]);
        Assert.Contains("boss", lines[2]);
        Assert.StartsWith("5,", lines[3]);
        Assert.Contains("name", lines[3], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Running_the_same_file_again_is_safe_and_follows_the_duplicate_policy()
    {
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var email = ContactData.Email();
        var phone = ContactData.Phone();
        var csv = Header + Row("Repeat Person", email, phone);

        var first = await ImportData.ImportAsync(staff, csv);
        var second = await ImportData.ImportAsync(staff, csv, "skip");
        var updated = await ImportData.ImportAsync(staff, Header + Row("Repeat Person Renamed", email, phone), "update");
        var rejected = await ImportData.ImportAsync(staff, csv, "reject");

        Assert.Equal(1, first.GetProperty("createdCount").GetInt32());
        Assert.Equal(1, second.GetProperty("skippedCount").GetInt32());
        Assert.Equal(0, second.GetProperty("createdCount").GetInt32());
        Assert.Equal(1, updated.GetProperty("updatedCount").GetInt32());
        Assert.Equal(1, rejected.GetProperty("rejectedCount").GetInt32());
        var rows = await App.WithDbAsync(db => db.Set<Contact>().IgnoreQueryFilters().Where(x => x.EmailId == email).Select(x => x.Name).ToListAsync(Ct));
        Assert.Equal(["Repeat Person Renamed"], rows);
    }

    [Fact]
    public async Task A_row_repeated_in_the_file_is_written_once()
    {
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var email = ContactData.Email();
        var row = Row("Twice Listed", email, ContactData.Phone());

        var job = await ImportData.ImportAsync(staff, Header + row + row);

        Assert.Equal(1, job.GetProperty("createdCount").GetInt32());
        Assert.Equal(1, job.GetProperty("skippedCount").GetInt32());
        Assert.Equal(1, await App.WithDbAsync(db => db.Set<Contact>().CountAsync(x => x.EmailId == email, Ct)));
    }

    [Fact]
    public async Task Semicolon_file_with_bom_is_read()
    {
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var email = ContactData.Email();
        var csv = $"Name;Email;Phone;Location;Type\n\"Semi, Colon\";{email};{ContactData.Phone()};Paris;entrepreneur\n";

        var job = await ImportData.ImportAsync(staff, csv, bom: true);

        Assert.Equal(1, job.GetProperty("createdCount").GetInt32());
        Assert.Equal("Semi, Colon", await App.WithDbAsync(db => db.Set<Contact>().Where(x => x.EmailId == email).Select(x => x.Name).SingleAsync(Ct)));
    }

    [Theory]
    [InlineData("Name,Email\nA,a@example.com\n", null, null, "mapping")]
    [InlineData(Header, "sometimes", null, "policy")]
    [InlineData(Header, null, "{\"Full Name\":\"Nickname\"}", "mapping")]
    [InlineData(Header, null, "not json", "mapping")]
    public async Task Bad_upload_is_refused_and_nothing_is_written(string csv, string? policy, string? mapping, string field)
    {
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var before = await App.WithDbAsync(db => db.Set<ContactImportJob>().CountAsync(Ct));

        var response = await staff.PostAsync("/api/v1/contacts/imports", ImportData.Form(csv, policy, mapping), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await App.WithDbAsync(db => db.Set<ContactImportJob>().CountAsync(Ct)));
    }

    [Theory]
    [InlineData(UserRole.Partner)]
    [InlineData(UserRole.Lead)]
    public async Task Only_users_with_import_and_export_rights_may_use_them(UserRole role)
    {
        var client = await App.ApiClientAsync(role);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/v1/contacts/imports", ImportData.Form(Header), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/contacts/export.csv", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/v1/contacts/{Guid.NewGuid()}/merge", new { mergeWithId = Guid.NewGuid() }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Import_screen_maps_columns_previews_errors_and_starts_the_job()
    {
        var screen = await App.ScreenAsync(UserRole.InternalStaff);
        var page = await screen.GetAsync("/admin/contacts/imports", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var job = await ImportData.ImportAsync(staff, Header + Row("Screen Shown", ContactData.Email(), ContactData.Phone()));
        var progress = await screen.GetStringAsync($"/admin/contacts/imports/{job.GetProperty("id").GetGuid()}", Ct);
        Assert.Contains("completed", progress);
    }
}

public sealed class ContactImportTestsOnSqlite(ContactToolsSqliteApp app) : ContactImportTests(app), IClassFixture<ContactToolsSqliteApp>;

public sealed class ContactImportTestsOnPostgres(ContactToolsPostgresApp app) : ContactImportTests(app), IClassFixture<ContactToolsPostgresApp>;
