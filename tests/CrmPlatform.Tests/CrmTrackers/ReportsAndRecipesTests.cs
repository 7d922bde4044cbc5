using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Recipes;
using CrmPlatform.Core.Users;
using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.CrmTrackers.Features;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.CrmTrackers;

public abstract class ReportsAndRecipesTests(CrmApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task Report_counts_values_funnel_win_rate_and_close_months_for_a_known_data_set()
    {
        var tracker = await App.TrackerAsync();
        var contact = await App.ContactAsync();
        var march = new DateTime(2027, 3, 10, 0, 0, 0, DateTimeKind.Utc);
        var april = new DateTime(2027, 4, 20, 0, 0, 0, DateTimeKind.Utc);
        await App.LeadAsync(tracker, contact, status: LeadStatus.New, value: 100.10m, close: march);
        await App.LeadAsync(tracker, contact, status: LeadStatus.New, value: 200.20m);
        await App.LeadAsync(tracker, contact, status: LeadStatus.Proposal, value: 1000m, close: march);
        await App.LeadAsync(tracker, contact, status: LeadStatus.ClosedWon, value: 5000m, close: april);
        await App.LeadAsync(tracker, contact, status: LeadStatus.ClosedWon, value: 2500.50m, close: april);
        await App.LeadAsync(tracker, contact, status: LeadStatus.ClosedLost, value: 9999m, close: april);
        await App.LeadAsync(tracker, contact, status: LeadStatus.OnHold);
        var deleted = await App.LeadAsync(tracker, contact, status: LeadStatus.ClosedLost, value: 1m);
        await App.WithDbAsync(async db =>
        {
            (await db.Set<Lead>().SingleAsync(l => l.Id == deleted.Id)).DeletedAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
        });
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);

        var report = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/trackers/{tracker.Id}/report", Ct);

        Assert.Equal(7, report.GetProperty("totalLeads").GetInt32());
        Assert.Equal(18799.80m, report.GetProperty("totalValue").GetDecimal());
        var byStatus = report.GetProperty("byStatus").EnumerateArray().ToDictionary(s => s.GetProperty("status").GetString()!, s => (s.GetProperty("count").GetInt32(), s.GetProperty("totalValue").GetDecimal()));
        Assert.Equal((2, 300.30m), byStatus["new"]);
        Assert.Equal((1, 1000m), byStatus["proposal"]);
        Assert.Equal((2, 7500.50m), byStatus["closed_won"]);
        Assert.Equal((1, 9999m), byStatus["closed_lost"]);
        Assert.Equal((1, 0m), byStatus["on_hold"]);
        var funnel = report.GetProperty("funnel").EnumerateArray().Select(s => s.GetProperty("count").GetInt32()).ToList();
        Assert.Equal([5, 3, 3, 3, 2, 2], funnel);
        Assert.Equal(2, report.GetProperty("won").GetInt32());
        Assert.Equal(1, report.GetProperty("lost").GetInt32());
        Assert.Equal(0.6667, report.GetProperty("winRate").GetDouble(), 4);
        var months = report.GetProperty("byCloseMonth").EnumerateArray().Select(m => (m.GetProperty("month").GetString(), m.GetProperty("count").GetInt32(), m.GetProperty("expectedValue").GetDecimal())).ToList();
        Assert.Equal([("2027-03", 2, 1100.10m), ("2027-04", 2, 7500.50m)], months);
    }

    [Fact]
    public async Task Leads_of_a_deleted_contact_are_hidden_from_lists_and_reports_until_it_is_restored()
    {
        var tracker = await App.TrackerAsync();
        var contact = await App.ContactAsync();
        var lead = await App.LeadAsync(tracker, contact, value: 10m);
        await App.LeadAsync(tracker, await App.ContactAsync(), value: 5m);
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        await SetContactDeletedAsync(contact.Id, DateTime.UtcNow);

        var report = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/trackers/{tracker.Id}/report", Ct);
        Assert.Equal((1, 5m), (report.GetProperty("totalLeads").GetInt32(), report.GetProperty("totalValue").GetDecimal()));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await staff.GetAsync($"/api/v1/leads/{lead.Id}", Ct)).StatusCode);

        await SetContactDeletedAsync(contact.Id, null);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/leads/{lead.Id}", Ct)).StatusCode);
    }

    private Task SetContactDeletedAsync(Guid id, DateTime? at) => App.WithDbAsync(async db =>
    {
        (await db.Set<CrmPlatform.Contacts.Data.Contact>().IgnoreQueryFilters().SingleAsync(c => c.Id == id)).DeletedAt = at;
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Trackers_and_leads_recipe_steps_create_everything_once_and_reject_bad_values()
    {
        var contact = await App.ContactAsync($"recipe-{Guid.NewGuid():N}@tests.local");
        var name = $"Recipe tracker {Guid.NewGuid():N}";
        var recipe = RecipeParser.Parse($$"""
            { "name": "crm", "steps": [
              { "name": "trackers", "trackers": [ { "name": "{{name}}", "fields": [
                  { "name": "industry", "label": "Industry", "type": "select", "isRequired": true, "options": ["Retail", "Tech"] },
                  { "name": "size", "label": "Size", "type": "number" } ] } ] },
              { "name": "leads", "leads": [
                  { "tracker": "{{name}}", "contact": "{{contact.EmailId.ToUpperInvariant()}}", "title": "Recipe lead", "status": "proposal", "estimatedValue": 1200, "expectedCloseDate": "2027-05-01", "fields": { "industry": "Tech", "size": 40 } } ] }
            ] }
            """);

        await RunAsync(recipe);
        await RunAsync(recipe);

        var leads = await App.WithDbAsync(db => db.Set<Lead>().Where(l => l.Tracker!.Name == name).Include(l => l.FieldValues).ToListAsync());
        var lead = Assert.Single(leads);
        Assert.Equal(LeadStatus.Proposal, lead.Status);
        Assert.Equal(2, lead.FieldValues.Count);
        Assert.Equal(2, await App.WithDbAsync(db => db.Set<CrmField>().CountAsync(f => f.Tracker!.Name == name)));

        var bad = RecipeParser.Parse($$"""
            { "name": "bad", "steps": [ { "name": "leads", "leads": [
                { "tracker": "{{name}}", "contact": "{{contact.EmailId}}", "title": "Bad lead", "fields": { "industry": "Mining" } } ] } ] }
            """);
        var error = await Assert.ThrowsAsync<RecipeException>(() => RunAsync(bad));
        Assert.Contains(error.Errors, e => e.Contains("Step 1 (leads)", StringComparison.Ordinal) && e.Contains("Mining", StringComparison.Ordinal));
        var unknownStatus = RecipeParser.Parse($$"""
            { "name": "bad", "steps": [ { "name": "leads", "leads": [ { "tracker": "nope", "contact": "{{contact.EmailId}}", "title": "X", "status": "won" } ] } ] }
            """);
        var invalid = await Assert.ThrowsAsync<RecipeException>(() => RunAsync(unknownStatus));
        Assert.Contains(invalid.Errors, e => e.Contains("won", StringComparison.Ordinal));
        Assert.Contains(invalid.Errors, e => e.Contains("nope", StringComparison.Ordinal));
        Assert.Equal(1, await App.WithDbAsync(db => db.Set<Lead>().CountAsync(l => l.Tracker!.Name == name)));
    }

    [Fact]
    public async Task The_merge_participant_moves_every_lead_to_the_surviving_contact()
    {
        var tracker = await App.TrackerAsync();
        var merged = await App.ContactAsync();
        var survivor = await App.ContactAsync();
        await App.LeadAsync(tracker, merged);
        var deleted = await App.LeadAsync(tracker, merged);
        await App.LeadAsync(tracker, survivor);
        await App.WithDbAsync(async db =>
        {
            (await db.Set<Lead>().SingleAsync(l => l.Id == deleted.Id)).DeletedAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
        });
        var participant = App.Services.GetServices<IContactMergeParticipant>().OfType<LeadsMergeParticipant>().Single();

        await App.WithDbAsync(async db =>
        {
            Assert.Equal(2, await participant.CountAsync(db, merged.Id, Ct));
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await participant.MoveAsync(db, merged.Id, survivor.Id, Ct);
            await transaction.CommitAsync(Ct);
        });

        Assert.Equal(0, await App.WithDbAsync(db => db.Set<Lead>().IgnoreQueryFilters().CountAsync(l => l.ContactId == merged.Id)));
        Assert.Equal(3, await App.WithDbAsync(db => db.Set<Lead>().IgnoreQueryFilters().CountAsync(l => l.ContactId == survivor.Id)));
    }

    [Fact]
    public async Task The_demo_recipe_with_its_trackers_and_leads_is_valid_and_idempotent()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "recipes", "demo.recipe.json");
        var recipe = RecipeParser.Parse(await File.ReadAllTextAsync(path, Ct));
        await RunAsync(recipe);
        var count = await App.CountAsync<Lead>();
        Assert.True(count >= 10);
        await RunAsync(recipe);
        Assert.Equal(count, await App.CountAsync<Lead>());
        Assert.True(await App.WithDbAsync(db => db.Set<CrmTracker>().AnyAsync(t => t.Name == "B2B sales")));
    }

    private async Task RunAsync(Recipe recipe)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RecipeExecutor>().ExecuteAsync(recipe, null, Ct);
    }
}

public sealed class ReportsAndRecipesTestsOnSqlite(SqliteApp app) : ReportsAndRecipesTests(app), IClassFixture<SqliteApp>;

public sealed class ReportsAndRecipesTestsOnPostgres(PostgresApp app) : ReportsAndRecipesTests(app), IClassFixture<PostgresApp>;
