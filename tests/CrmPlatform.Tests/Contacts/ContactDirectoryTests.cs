using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Contacts;

public abstract class ContactDirectoryTests(CrmApp app) : IntegrationTest(app)
{
    private async Task<(ContactMatch Match, int Outbox)> FindOrCreateAsync(ContactIdentity identity, bool save = true)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var match = await scope.ServiceProvider.GetRequiredService<IContactDirectory>().FindOrCreateAsync(db, identity, Ct);
        if (save)
        {
            await db.SaveChangesAsync(Ct);
        }
        var outbox = await db.Outbox.CountAsync(o => match.Succeeded && o.Type == "ContactCreated" && o.Payload.Contains(match.ContactId.ToString()), Ct);
        return (match, outbox);
    }

    [Fact]
    public async Task Finds_by_email_in_any_case_then_by_phone_in_any_format()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var phone = ContactData.Phone();
        var existing = await ContactData.CreateAsync(admin, ContactData.Body(phone: phone));

        var byEmail = await FindOrCreateAsync(new ContactIdentity("Whoever", " " + existing.GetProperty("emailId").GetString()!.ToUpperInvariant(), null, null));
        var byPhone = await FindOrCreateAsync(new ContactIdentity("Whoever", ContactData.Email(), $"+1 ({phone[2..5]}) {phone[5..8]}-{phone[8..]}", null));

        Assert.Equal((existing.Id(), false), (byEmail.Match.ContactId, byEmail.Match.Created));
        Assert.Equal((existing.Id(), false), (byPhone.Match.ContactId, byPhone.Match.Created));
    }

    [Fact]
    public async Task Creates_a_contact_only_when_the_caller_saves_and_raises_ContactCreated_with_it()
    {
        var email = ContactData.Email();
        var unsaved = await FindOrCreateAsync(new ContactIdentity("Visitor", email, ContactData.Phone(), null), save: false);
        Assert.True(unsaved.Match.Created);
        Assert.Equal(0, await App.WithDbAsync(db => db.Set<Contact>().CountAsync(c => c.EmailId == email, Ct)));

        var saved = await FindOrCreateAsync(new ContactIdentity("Visitor", email, ContactData.Phone(), null, "Lisbon"));
        Assert.True(saved.Match.Created);
        Assert.Equal(1, saved.Outbox);
        var contact = await App.WithDbAsync(db => db.Set<Contact>().SingleAsync(c => c.Id == saved.Match.ContactId, Ct));
        Assert.Equal(("Visitor", "Lisbon"), (contact.Name, contact.Location));
    }

    [Theory]
    [InlineData("not-an-email", "+14155550100", "Email")]
    [InlineData("", "+14155550100", "Email")]
    [InlineData("ok@example.com", "12", "Phone")]
    public async Task Invalid_identity_returns_field_errors_and_writes_nothing(string email, string phone, string field)
    {
        var before = await App.CountContactsAsync();
        var result = await FindOrCreateAsync(new ContactIdentity("Visitor", email, phone, null));
        Assert.False(result.Match.Succeeded);
        Assert.True(result.Match.Errors.ContainsKey(field));
        Assert.Equal(before, await App.CountContactsAsync());
    }
}

public sealed class ContactDirectoryTestsOnSqlite(ContactsSqliteApp app) : ContactDirectoryTests(app), IClassFixture<ContactsSqliteApp>;

public sealed class ContactDirectoryTestsOnPostgres(ContactsPostgresApp app) : ContactDirectoryTests(app), IClassFixture<ContactsPostgresApp>;
