using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Contacts.Features.Imports;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.Contacts;

public abstract class MergeExportDuplicatesTests(CrmApp app) : IntegrationTest(app)
{
    private static readonly string[] TakeWebsiteAndEmail = ["website", "EmailId"];
    private static readonly string[] TakeWebsite = ["website"];
    private static readonly string[] TakeUnknown = ["shoeSize"];

    private async Task<(Guid Survivor, Guid Merged, string MergedEmail)> PairWithChildrenAsync(HttpClient staff, string company)
    {
        var survivor = (await ContactData.CreateAsync(staff, Body("Katherine Johnson", company))).Id();
        var mergedBody = Body("Katherine Jonson", company);
        mergedBody["website"] = "https://merged.example.com";
        var merged = (await ContactData.CreateAsync(staff, mergedBody)).Id();
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsync($"/api/v1/contacts/{merged}/notes", new MultipartFormDataContent { { new StringContent("Met at NASA"), "content" } }, Ct)).StatusCode);
        await App.WithDbAsync(async db =>
        {
            db.Add(new ContactSocialLink { ContactId = merged, Platform = SocialPlatform.Linkedin, Url = "https://www.linkedin.com/in/kj", Username = "kj" });
            db.Add(new ContactActivity { ContactId = merged, Type = ActivityType.Call, Title = "Call back" });
            await db.SaveChangesAsync(Ct);
        });
        return (survivor, merged, (string)mergedBody["emailId"]!);
    }

    private static Dictionary<string, object?> Body(string name, string company)
    {
        var body = ContactData.Body(name: name);
        body["company"] = company;
        return body;
    }

    private Task<int> ChildrenOfAsync(Guid id) => App.WithDbAsync(async db =>
        await db.Set<ContactNote>().CountAsync(n => n.ContactId == id, Ct)
        + await db.Set<ContactActivity>().CountAsync(n => n.ContactId == id, Ct)
        + await db.Set<ContactSocialLink>().CountAsync(n => n.ContactId == id, Ct));

    [Fact]
    public async Task Merge_moves_children_and_calls_participants_in_one_transaction()
    {
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var (survivor, merged, mergedEmail) = await PairWithChildrenAsync(staff, $"Nasa {Guid.NewGuid():N}");

        var response = await staff.PostAsJsonAsync($"/api/v1/contacts/{survivor}/merge", new { mergeWithId = merged, fields = TakeWebsiteAndEmail }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("https://merged.example.com", result.GetProperty("website").GetString());
        Assert.Equal(mergedEmail, result.GetProperty("emailId").GetString());
        Assert.Equal("Katherine Johnson", result.GetProperty("name").GetString());
        Assert.Equal(3, await ChildrenOfAsync(survivor));
        Assert.True(TestMergeParticipant.Moves[merged]);
        Assert.False(await App.WithDbAsync(db => db.Set<Contact>().IgnoreQueryFilters().AnyAsync(c => c.Id == merged, Ct)));
        var audit = await App.WithDbAsync(db => db.AuditLog.SingleAsync(a => a.Action == "merged" && a.EntityId == survivor.ToString(), Ct));
        Assert.Contains(merged.ToString(), audit.Changes);
        Assert.Contains("Website", audit.Changes);
        var events = await App.WithDbAsync(db => db.Outbox.Where(o => o.Payload.Contains(merged.ToString()) || o.Payload.Contains(survivor.ToString())).Select(o => o.Type).ToListAsync(Ct));
        Assert.Contains("ContactDeleted", events);
        Assert.Contains("ContactUpdated", events);
    }

    [Fact]
    public async Task Merge_moves_nothing_when_a_participant_fails()
    {
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var (survivor, merged, _) = await PairWithChildrenAsync(staff, $"Nasa {Guid.NewGuid():N}");
        TestMergeParticipant.FailFor[merged] = true;

        var response = await staff.PostAsJsonAsync($"/api/v1/contacts/{survivor}/merge", new { mergeWithId = merged, fields = TakeWebsite }, Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(0, await ChildrenOfAsync(survivor));
        Assert.Equal(3, await ChildrenOfAsync(merged));
        Assert.True(await App.WithDbAsync(db => db.Set<Contact>().AnyAsync(c => c.Id == merged, Ct)));
    }

    [Fact]
    public async Task Bad_merge_requests_are_refused_and_write_nothing()
    {
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var (survivor, merged, _) = await PairWithChildrenAsync(staff, $"Nasa {Guid.NewGuid():N}");
        var partner = await App.ApiUserAsync(UserRole.Partner);
        TestContactScope.Grant(partner.User.Id, survivor);

        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync($"/api/v1/contacts/{survivor}/merge", new { mergeWithId = survivor }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync($"/api/v1/contacts/{survivor}/merge", new { mergeWithId = merged, fields = TakeUnknown }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsJsonAsync($"/api/v1/contacts/{survivor}/merge", new { mergeWithId = Guid.NewGuid() }, Ct)).StatusCode);
        Assert.Equal(3, await ChildrenOfAsync(merged));
    }

    [Fact]
    public async Task Merge_screen_takes_the_chosen_fields_and_opens_the_survivor()
    {
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var (survivor, merged, _) = await PairWithChildrenAsync(staff, $"Nasa {Guid.NewGuid():N}");
        var screen = await App.ScreenAsync(UserRole.InternalStaff);
        var url = $"/admin/contacts/merge?survivorId={survivor}&mergedId={merged}";

        var response = await CrmApp.PostFormAsync(screen, url, new()
        {
            ["SurvivorId"] = survivor.ToString(), ["MergedId"] = merged.ToString(), ["Choice[Website]"] = "merged", ["Choice[Name]"] = "survivor",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/admin/contacts/{survivor}", response.Headers.Location?.OriginalString);
        var website = await App.WithDbAsync(db => db.Set<Contact>().Where(c => c.Id == survivor).Select(c => c.Website).SingleAsync(Ct));
        Assert.Equal("https://merged.example.com", website);
        Assert.Equal(3, await ChildrenOfAsync(survivor));
    }

    [Fact]
    public async Task Duplicates_lists_similar_names_in_the_same_company()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var company = $"Aaaa Duplicates {Guid.NewGuid():N}";
        var a = (await ContactData.CreateAsync(admin, Body("Dorothy Vaughan", company))).Id();
        var b = (await ContactData.CreateAsync(admin, Body("Dorothy Vaughn", company))).Id();
        await ContactData.CreateAsync(admin, Body("Mary Jackson", company));
        await ContactData.CreateAsync(admin, Body("Dorothy Vaughan", $"Other {Guid.NewGuid():N}"));

        var found = new List<(Guid, Guid)>();
        string? cursor = null;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/duplicates?limit=200{(cursor is null ? "" : "&cursor=" + cursor)}", Ct);
            found.AddRange(page.GetProperty("items").EnumerateArray().Select(p => (p.GetProperty("first").Id(), p.GetProperty("second").Id())));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Contains(found, p => (p.Item1 == a && p.Item2 == b) || (p.Item1 == b && p.Item2 == a));
        Assert.Single(found, p => p.Item1 == a || p.Item2 == a);
        Assert.Equal(HttpStatusCode.OK, (await (await App.ScreenAsync(UserRole.InternalStaff)).GetAsync("/admin/contacts/duplicates", Ct)).StatusCode);
        var mergeScreen = await (await App.ScreenAsync(UserRole.InternalStaff)).GetAsync($"/admin/contacts/merge?survivorId={a}&mergedId={b}", Ct);
        Assert.Equal(HttpStatusCode.OK, mergeScreen.StatusCode);
    }

    [Fact]
    public async Task Export_follows_the_filters_and_neutralises_formulas()
    {
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var company = $"=HYPERLINK(\"http://evil\") {Guid.NewGuid():N}";
        var body = Body("@SUM(A1) Formula", company);
        await ContactData.CreateAsync(staff, body);

        var response = await staff.GetAsync($"/api/v1/contacts/export.csv?q={Uri.EscapeDataString((string)body["emailId"]!)}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Trim('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(",'@SUM(A1) Formula,", lines[1]);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")", lines[1]);
        Assert.Contains(",'+1415", lines[1]);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync("/api/v1/contacts/export.csv?sort=shoe", Ct)).StatusCode);
        var screen = await (await App.ScreenAsync(UserRole.InternalStaff)).GetAsync($"/admin/contacts/export?q={Uri.EscapeDataString((string)body["emailId"]!)}", Ct);
        Assert.Equal(HttpStatusCode.OK, screen.StatusCode);
        Assert.Equal("text/csv", screen.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+44", "'+44")]
    [InlineData("-2", "'-2")]
    [InlineData("@x", "'@x")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    public void Cells_that_a_spreadsheet_would_run_are_prefixed_with_a_quote(string cell, string expected) =>
        Assert.Equal(expected, CsvFiles.Neutralize(cell));
}

public sealed class MergeExportDuplicatesTestsOnSqlite(ContactToolsSqliteApp app) : MergeExportDuplicatesTests(app), IClassFixture<ContactToolsSqliteApp>;

public sealed class MergeExportDuplicatesTestsOnPostgres(ContactToolsPostgresApp app) : MergeExportDuplicatesTests(app), IClassFixture<ContactToolsPostgresApp>;
