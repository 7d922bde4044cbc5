using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.Contacts;

public abstract class ContactsScreenTests(CrmApp app) : IntegrationTest(app)
{
    private async Task<Guid> ContactIdAsync()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        return (await ContactData.CreateAsync(admin)).Id();
    }

    private async Task<Guid> CategoryIdAsync() => await App.WithDbAsync(async db =>
    {
        var category = new ContactCategory { Name = $"Screen {Guid.NewGuid():N}" };
        category.NormalizedName = ContactCategory.Normalize(category.Name);
        db.Add(category);
        await db.SaveChangesAsync(Ct);
        return category.Id;
    });

    public static TheoryData<string> Roles => new() { "anonymous", "admin", "internal_staff", "partner", "lead" };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_page_answers_each_role_without_a_server_error(string roleName)
    {
        UserRole? role = UserRoles.TryParse(roleName, out var parsed) ? parsed : null;
        var contactId = await ContactIdAsync();
        var categoryId = await CategoryIdAsync();
        var client = await App.ScreenAsync(role);
        string[] viewPages = ["/admin/contacts", "/admin/contacts?q=ada&sort=-created&type=employee&createdFrom=2020-01-01", "/admin/my-activities", "/admin"];
        string[] staffPages = ["/admin/contacts?deleted=true", "/admin/contacts/new", $"/admin/contacts/{contactId}", $"/admin/contacts/{contactId}/edit", "/admin/contact-categories", $"/admin/contact-categories/{categoryId}/edit"];
        string[] missing = [$"/admin/contacts/{Guid.NewGuid()}", $"/admin/contacts/{Guid.NewGuid()}/edit", $"/admin/contact-categories/{Guid.NewGuid()}/edit"];

        foreach (var page in viewPages.Concat(staffPages).Concat(missing).Append($"/admin/contacts/{contactId}/notes"))
        {
            var response = await client.GetAsync(page, Ct);
            Assert.True((int)response.StatusCode < 500, $"{page} as {roleName} answered {(int)response.StatusCode}");
            if (role is null or UserRole.Lead)
            {
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Contains(role is null ? "/login" : "/access-denied", response.Headers.Location!.ToString());
            }
        }
        if (role is UserRole.Admin or UserRole.InternalStaff)
        {
            foreach (var page in viewPages.Concat(staffPages))
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page, Ct)).StatusCode);
            }
            foreach (var page in missing)
            {
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(page, Ct)).StatusCode);
            }
        }
        if (role == UserRole.Partner)
        {
            foreach (var page in viewPages)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page, Ct)).StatusCode);
            }
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/contacts/{contactId}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin/contacts/new", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin/contact-categories", Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task Contact_form_shows_field_errors_then_creates_the_contact_once_fixed()
    {
        var staff = await App.ScreenAsync(UserRole.InternalStaff);
        var before = await App.CountContactsAsync();
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Katherine Johnson", ["Input.EmailId"] = "katherine@", ["Input.ContactNo"] = "12",
            ["Input.Location"] = "Hampton", ["Input.Type"] = "employee", ["Input.Website"] = "nasa",
        };

        var invalid = await CrmApp.PostFormAsync(staff, "/admin/contacts/new", fields);
        var html = await invalid.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("Enter an email address such as", html);
        Assert.Contains("is not a valid phone number", html);
        Assert.Contains("starting with http", html);
        Assert.Equal(before, await App.CountContactsAsync());

        var email = ContactData.Email();
        fields["Input.EmailId"] = email;
        fields["Input.ContactNo"] = ContactData.Phone();
        fields["Input.Website"] = "https://nasa.gov";
        var created = await CrmApp.PostFormAsync(staff, "/admin/contacts/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = await staff.GetStringAsync(created.Headers.Location!.ToString(), Ct);
        Assert.Contains("Katherine Johnson", page);
        var list = await staff.GetStringAsync($"/admin/contacts?q={Uri.EscapeDataString(email)}", Ct);
        Assert.Contains("Katherine Johnson", list);
    }

    [Fact]
    public async Task Duplicate_email_on_the_form_links_to_the_existing_contact()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var existing = await ContactData.CreateAsync(admin);
        var staff = await App.ScreenAsync(UserRole.InternalStaff);
        var response = await CrmApp.PostFormAsync(staff, "/admin/contacts/new", new()
        {
            ["Input.Name"] = "Copy", ["Input.EmailId"] = existing.GetProperty("emailId").GetString()!.ToUpperInvariant(), ["Input.ContactNo"] = ContactData.Phone(),
            ["Input.Location"] = "X", ["Input.Type"] = "entrepreneur",
        });
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"<a href=\"/admin/contacts/{existing.Id()}\">", html);
    }

    [Fact]
    public async Task Unknown_enum_value_on_the_form_is_an_error_not_a_crash()
    {
        var staff = await App.ScreenAsync(UserRole.InternalStaff);
        var before = await App.CountContactsAsync();
        var response = await CrmApp.PostFormAsync(staff, "/admin/contacts/new", new()
        {
            ["Input.Name"] = "X", ["Input.EmailId"] = ContactData.Email(), ["Input.ContactNo"] = ContactData.Phone(), ["Input.Location"] = "X", ["Input.Type"] = "astronaut",
            ["Input.CategoryId"] = "not-a-guid",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("alert-danger", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(before, await App.CountContactsAsync());
    }

    [Fact]
    public async Task Script_typed_into_fields_is_rendered_encoded_on_list_and_page()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var body = ContactData.Body(name: $"<script>alert('{tag}')</script>");
        body["company"] = $"<img src=x onerror=alert('{tag}')>";
        var contact = await ContactData.CreateAsync(admin, body);
        await admin.PostAsync($"/api/v1/contacts/{contact.Id()}/notes", new StringContent($"{{\"content\":\"<script>note{tag}</script>\"}}", Encoding.UTF8, "application/json"), Ct);
        var staff = await App.ScreenAsync(UserRole.InternalStaff);

        var page = await staff.GetStringAsync($"/admin/contacts/{contact.Id()}", Ct);
        var list = await staff.GetStringAsync($"/admin/contacts?q={Uri.EscapeDataString(contact.GetProperty("emailId").GetString()!)}", Ct);

        foreach (var html in new[] { page, list })
        {
            Assert.DoesNotContain($"<script>alert('{tag}')", html);
            Assert.DoesNotContain($"<img src=x onerror=alert('{tag}')>", html);
            Assert.Contains("&lt;script&gt;", html);
        }
        Assert.DoesNotContain($"<script>note{tag}", page);
    }

    [Fact]
    public async Task Note_with_attachment_is_added_on_the_page_and_downloaded_as_attachment()
    {
        var contactId = await ContactIdAsync();
        var staff = await App.ScreenAsync(UserRole.InternalStaff);
        var page = await staff.GetStringAsync($"/admin/contacts/{contactId}", Ct);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken" },
            { new StringContent("Met at the fair"), "Input.Content" },
        };
        var file = new ByteArrayContent(Encoding.ASCII.GetBytes("name,city\nAda,London\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Attachment", "leads.csv");

        var posted = await staff.PostAsync($"/admin/contacts/{contactId}/notes?handler=Add", form, Ct);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var note = await App.WithDbAsync(db => db.Set<ContactNote>().SingleAsync(n => n.ContactId == contactId, Ct));
        Assert.Equal("leads.csv", note.AttachmentName);

        var download = await staff.GetAsync($"/admin/contacts/{contactId}?handler=Attachment&noteId={note.Id}", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task An_oversize_attachment_on_the_page_is_refused_with_a_message()
    {
        var contactId = await ContactIdAsync();
        var staff = await App.ScreenAsync(UserRole.InternalStaff);
        var page = await staff.GetStringAsync($"/admin/contacts/{contactId}", Ct);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var bytes = new byte[12 * 1024 * 1024];
        Encoding.ASCII.GetBytes("%PDF-").CopyTo(bytes, 0);
        var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken" },
            { new StringContent("Too big"), "Input.Content" },
            { new ByteArrayContent(bytes), "Attachment", "big.pdf" },
        };

        var posted = await staff.PostAsync($"/admin/contacts/{contactId}/notes?handler=Add", form, Ct);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("larger than 10 MB", await staff.GetStringAsync($"/admin/contacts/{contactId}", Ct));
        Assert.Equal(0, await App.WithDbAsync(db => db.Set<ContactNote>().CountAsync(n => n.ContactId == contactId, Ct)));
    }

    [Fact]
    public async Task Bad_note_activity_and_link_forms_report_errors_and_write_nothing()
    {
        var contactId = await ContactIdAsync();
        var staff = await App.ScreenAsync(UserRole.InternalStaff);
        var detail = $"/admin/contacts/{contactId}";

        var note = await CrmApp.PostFormAsync(staff, $"{detail}/notes?handler=Add", new() { ["Input.Content"] = " " }, detail);
        var activity = await CrmApp.PostFormAsync(staff, $"{detail}/activities?handler=Add", new() { ["Input.Type"] = "party", ["Input.Title"] = "" }, detail);
        var link = await CrmApp.PostFormAsync(staff, $"{detail}/social-links?handler=Add", new() { ["Input.Platform"] = "linkedin", ["Input.Url"] = "https://facebook.com/x" }, detail);

        foreach (var response in new[] { note, activity, link })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        var shown = await staff.GetStringAsync(detail, Ct);
        Assert.Contains("must be on linkedin.com", shown);
        Assert.Equal(0, await App.WithDbAsync(db => db.Set<ContactNote>().CountAsync(n => n.ContactId == contactId, Ct)));
        Assert.Equal(0, await App.WithDbAsync(db => db.Set<ContactActivity>().CountAsync(n => n.ContactId == contactId, Ct)));
        Assert.Equal(0, await App.WithDbAsync(db => db.Set<ContactSocialLink>().CountAsync(n => n.ContactId == contactId, Ct)));
    }

    [Fact]
    public async Task Contact_page_shows_the_parts_other_modules_add_with_the_contact_as_context()
    {
        var contactId = await ContactIdAsync();
        var staff = await App.ScreenAsync(UserRole.InternalStaff);
        var page = await staff.GetStringAsync($"/admin/contacts/{contactId}", Ct);
        Assert.Contains("Test leads", page);
        Assert.Contains($"leads of contact {contactId}", page);
    }

    [Fact]
    public async Task Staff_deletes_and_restores_a_contact_from_its_page()
    {
        var contactId = await ContactIdAsync();
        var staff = await App.ScreenAsync(UserRole.InternalStaff);
        var detail = $"/admin/contacts/{contactId}";

        var deleted = await CrmApp.PostFormAsync(staff, $"{detail}?handler=Delete", [], detail);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Contains("This contact was deleted", await staff.GetStringAsync(detail, Ct));

        var restored = await CrmApp.PostFormAsync(staff, $"{detail}?handler=Restore", [], detail);
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Null(await App.WithDbAsync(db => db.Set<Contact>().Where(c => c.Id == contactId).Select(c => c.DeletedAt).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Category_form_refuses_a_duplicate_name_in_another_case()
    {
        var staff = await App.ScreenAsync(UserRole.InternalStaff);
        var name = $"Screens {Guid.NewGuid():N}";
        var first = await CrmApp.PostFormAsync(staff, "/admin/contact-categories?handler=Create", new() { ["Input.Name"] = name }, "/admin/contact-categories");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var second = await CrmApp.PostFormAsync(staff, "/admin/contact-categories?handler=Create", new() { ["Input.Name"] = name.ToUpperInvariant() }, "/admin/contact-categories");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("already exists", await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1, await App.WithDbAsync(db => db.Set<ContactCategory>().CountAsync(c => c.NormalizedName == name.ToLowerInvariant(), Ct)));
    }

    [Fact]
    public async Task Partner_opens_a_contact_in_scope_but_cannot_change_it()
    {
        var contactId = await ContactIdAsync();
        var partnerUser = await App.CreateUserAsync(UserRole.Partner);
        TestContactScope.Grant(partnerUser.Id, contactId);
        var partner = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await CrmApp.SignInAsync(partner, partnerUser.Email!, CrmApp.DefaultPassword);

        var page = await partner.GetAsync($"/admin/contacts/{contactId}", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("/edit\"", html);
        var delete = await CrmApp.PostFormAsync(partner, $"/admin/contacts/{contactId}?handler=Delete", [], $"/admin/contacts/{contactId}");
        Assert.NotEqual(HttpStatusCode.OK, delete.StatusCode);
        Assert.Null(await App.WithDbAsync(db => db.Set<Contact>().Where(c => c.Id == contactId).Select(c => c.DeletedAt).SingleAsync(Ct)));
    }
}

public sealed class ContactsScreenTestsOnSqlite(ContactsSqliteApp app) : ContactsScreenTests(app), IClassFixture<ContactsSqliteApp>;

public sealed class ContactsScreenTestsOnPostgres(ContactsPostgresApp app) : ContactsScreenTests(app), IClassFixture<ContactsPostgresApp>;
