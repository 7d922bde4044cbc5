using System.Net.Http.Headers;
using CrmPlatform.Contacts.Data;
using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.CrmTrackers;

/// <summary>Builders for trackers, fields, contacts and leads written straight to the database, plus signed-in clients.</summary>
internal static class TrackerTestData
{
    private static int _phone = 1000;

    public static async Task<Contact> ContactAsync(this CrmApp app, string? email = null)
    {
        var n = Interlocked.Increment(ref _phone);
        var contact = new Contact
        {
            Name = $"Contact {n}",
            EmailId = email ?? $"contact-{Guid.NewGuid():N}@tests.local",
            ContactNo = "+1202" + n.ToString("D7", System.Globalization.CultureInfo.InvariantCulture),
            Location = "Testville",
            Type = ContactType.Employee,
        };
        contact.Normalize();
        await app.WithDbAsync(async db =>
        {
            db.Add(contact);
            await db.SaveChangesAsync();
        });
        return contact;
    }

    /// <summary>A tracker with the fields: industry (select, required), size (number), source (multi_select), vip (boolean), buyer_email (email), start (date), mobile (phone).</summary>
    public static async Task<CrmTracker> TrackerAsync(this CrmApp app, string? name = null)
    {
        var tracker = new CrmTracker { Name = name ?? $"Tracker {Guid.NewGuid():N}" };
        tracker.Fields.Add(new CrmField { Name = "industry", Label = "Industry", Type = FieldType.Select, IsRequired = true, Options = "[\"Retail\",\"Tech\",\"Health\"]", SortOrder = 0 });
        tracker.Fields.Add(new CrmField { Name = "size", Label = "Company size", Type = FieldType.Number, SortOrder = 1 });
        tracker.Fields.Add(new CrmField { Name = "source", Label = "Source", Type = FieldType.MultiSelect, Options = "[\"Web\",\"Referral\",\"Event\"]", SortOrder = 2 });
        tracker.Fields.Add(new CrmField { Name = "vip", Label = "VIP", Type = FieldType.Boolean, SortOrder = 3 });
        tracker.Fields.Add(new CrmField { Name = "buyer_email", Label = "Buyer email", Type = FieldType.Email, SortOrder = 4 });
        tracker.Fields.Add(new CrmField { Name = "start", Label = "Start", Type = FieldType.Date, SortOrder = 5 });
        tracker.Fields.Add(new CrmField { Name = "mobile", Label = "Mobile", Type = FieldType.Phone, SortOrder = 6 });
        await app.WithDbAsync(async db =>
        {
            db.Add(tracker);
            await db.SaveChangesAsync();
        });
        return tracker;
    }

    public static async Task<Lead> LeadAsync(this CrmApp app, CrmTracker tracker, Contact contact, Guid? assignedTo = null, LeadStatus status = LeadStatus.New, decimal? value = null, DateTime? close = null, string? industry = "Retail")
    {
        var lead = new Lead { Title = $"Lead {Guid.NewGuid():N}", TrackerId = tracker.Id, ContactId = contact.Id, AssignedToId = assignedTo, Status = status, EstimatedValue = value, ExpectedCloseDate = close };
        lead.Normalize();
        await app.WithDbAsync(async db =>
        {
            db.Add(lead);
            if (industry is not null)
            {
                db.Add(new LeadFieldValue { LeadId = lead.Id, FieldId = tracker.Fields.First(f => f.Name == "industry").Id, Value = industry });
            }
            await db.SaveChangesAsync();
        });
        return lead;
    }

    public static Guid Field(this CrmTracker tracker, string name) => tracker.Fields.First(f => f.Name == name).Id;

    public static async Task<(User User, HttpClient Api, HttpClient Screens)> ClientsAsync(this CrmApp app, UserRole role)
    {
        var user = await app.CreateUserAsync(role);
        var api = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(user.Id));
        var screens = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await CrmApp.SignInAsync(screens, user.Email!, CrmApp.DefaultPassword);
        return (user, api, screens);
    }

    public static Task<int> CountAsync<T>(this CrmApp app) where T : class =>
        app.WithDbAsync(db => db.Set<T>().IgnoreQueryFilters().CountAsync());
}
