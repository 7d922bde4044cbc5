using System.Text.Json.Nodes;
using CrmPlatform.Contacts.Data;
using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.CrmTrackers.Features;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Recipes;
using CrmPlatform.Core.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.CrmTrackers.Recipes;

/// <summary>
/// <c>{ "name": "leads", "leads": [ { "tracker": "B2B sales", "contact": "ana.silva@example.com", "title": "…",
/// "status": "proposal", "estimatedValue": 12000, "expectedCloseDate": "2026-12-15", "assignedTo": "partner@example.com",
/// "fields": { "industry": "Retail" } } ] }</c> creates leads, or updates the one with the same tracker, contact and
/// title, so the step is idempotent. Contacts and users are referenced by email and must exist (earlier steps may
/// create them); custom field values are checked exactly as the lead form checks them.
/// </summary>
internal sealed class LeadsStep : IRecipeStepHandler
{
    public string StepName => "leads";

    internal sealed class LeadEntry
    {
        public string Tracker { get; set; } = "";
        public string Contact { get; set; } = "";
        public string Title { get; set; } = "";
        public string? Description { get; set; }
        public string? Status { get; set; }
        public decimal? EstimatedValue { get; set; }
        public DateTime? ExpectedCloseDate { get; set; }
        public string? AssignedTo { get; set; }
        public Dictionary<string, JsonNode?>? Fields { get; set; }
    }

    public async Task ValidateAsync(RecipeStep step, RecipeContext context, List<string> errors, CancellationToken ct)
    {
        var entries = RecipeJson.Read<LeadEntry[]>(step, "leads", errors) ?? [];
        var declared = context.Properties.TryGetValue(TrackersStep.DeclaredTrackers, out var d) ? (HashSet<string>)d : [];
        var existing = await context.Db.Trackers().Select(t => t.Name).ToListAsync(ct);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            var input = new LeadInput { Title = entry.Title, Description = entry.Description, Status = entry.Status, EstimatedValue = entry.EstimatedValue, ExpectedCloseDate = entry.ExpectedCloseDate, ContactId = Guid.Empty };
            errors.AddRange(Errors.Of(input).SelectMany(e => e.Value.Select(m => $"leads[{i}].{e.Key}: {m}")));
            if (!declared.Contains(entry.Tracker.Trim()) && !existing.Contains(entry.Tracker.Trim()))
            {
                errors.Add($"leads[{i}].tracker: there is no tracker named '{entry.Tracker}' (add it in a trackers step first).");
            }
            if (string.IsNullOrWhiteSpace(entry.Contact))
            {
                errors.Add($"leads[{i}].contact: the contact's email is required.");
            }
        }
    }

    public async Task ExecuteAsync(RecipeStep step, RecipeContext context, CancellationToken ct)
    {
        var db = context.Db;
        var region = (await context.Services.GetRequiredService<SiteSettingsService>().GetAsync<GeneralSettings>(db, GeneralSettings.Key, ct)).DefaultPhoneRegion;
        var entries = RecipeJson.Read<LeadEntry[]>(step, "leads", []) ?? [];
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            var where = $"leads[{i}]";
            var tracker = await db.Trackers().Include(t => t.Fields).FirstOrDefaultAsync(t => t.Name == entry.Tracker.Trim(), ct)
                ?? throw new RecipeException([$"{where}.tracker: there is no tracker named '{entry.Tracker}'."]);
            var email = entry.Contact.Trim().ToLowerInvariant();
            var contactId = await db.Set<Contact>().Where(c => c.EmailId == email).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct)
                ?? throw new RecipeException([$"{where}.contact: there is no contact with the email '{entry.Contact}'."]);
            Guid? assignee = null;
            if (!string.IsNullOrWhiteSpace(entry.AssignedTo))
            {
                var normalized = entry.AssignedTo.Trim().ToUpperInvariant();
                assignee = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct)
                    ?? throw new RecipeException([$"{where}.assignedTo: there is no user with the email '{entry.AssignedTo}'."]);
            }
            var title = entry.Title.Trim();
            var lead = await db.Leads().IgnoreQueryFilters().FirstOrDefaultAsync(l => l.TrackerId == tracker.Id && l.ContactId == contactId && l.Title == title, ct);
            var current = lead is null ? new Dictionary<Guid, string?>() : await FieldValueBinder.CurrentAsync(db, lead.Id, ct);
            var errors = new Dictionary<string, string[]>();
            var values = FieldValueBinder.Resolve([.. tracker.Fields.OrderBy(f => f.SortOrder)], entry.Fields, current, region, errors);
            if (errors.Count > 0)
            {
                throw new RecipeException([.. errors.SelectMany(e => e.Value.Select(m => $"{where}.{e.Key}: {m}"))]);
            }
            var isNew = lead is null;
            lead ??= new Lead { TrackerId = tracker.Id, ContactId = contactId, CreatedById = context.AdminUserId };
            lead.Title = title;
            lead.Description = entry.Description;
            lead.Status = EnumNames.TryParse<LeadStatus>(entry.Status, out var status) ? status : LeadStatus.New;
            lead.EstimatedValue = entry.EstimatedValue;
            lead.ExpectedCloseDate = entry.ExpectedCloseDate is { } date ? DateTime.SpecifyKind(date.Date, DateTimeKind.Utc) : null;
            lead.AssignedToId = assignee;
            lead.Normalize();
            if (isNew)
            {
                db.Leads().Add(lead);
                db.Raise(new LeadCreated(lead.Id, lead.TrackerId, lead.ContactId, lead.Title, lead.Status, lead.EstimatedValue, lead.AssignedToId, context.AdminUserId));
            }
            await FieldValueBinder.ApplyAsync(db, lead, values, ct);
        }
    }
}
