using System.Text.Json.Nodes;
using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.CrmTrackers.Features;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Recipes;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.CrmTrackers.Recipes;

/// <summary>
/// <c>{ "name": "trackers", "trackers": [ { "name": "B2B sales", "description": "…", "isActive": true, "fields": [
/// { "name": "industry", "label": "Industry", "type": "select", "isRequired": true, "options": ["Retail", "Tech"] } ] } ] }</c>
/// creates or updates trackers (matched by name) and their fields (matched by name, ordered as listed). Fields not
/// listed are left alone. Running it twice changes nothing the second time.
/// </summary>
internal sealed class TrackersStep : IRecipeStepHandler
{
    public const string DeclaredTrackers = "crm-trackers:declared";

    public string StepName => "trackers";

    internal sealed class TrackerEntry
    {
        public string Name { get; set; } = "";
        public string? Description { get; set; }
        public bool IsActive { get; set; } = true;
        public FieldInput[] Fields { get; set; } = [];
    }

    public Task ValidateAsync(RecipeStep step, RecipeContext context, List<string> errors, CancellationToken ct)
    {
        var entries = RecipeJson.Read<TrackerEntry[]>(step, "trackers", errors) ?? [];
        var declared = context.Properties.TryGetValue(DeclaredTrackers, out var d) ? (HashSet<string>)d : new HashSet<string>(StringComparer.Ordinal);
        context.Properties[DeclaredTrackers] = declared;
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            foreach (var error in Errors.Of(new TrackerInput { Name = entry.Name, Description = entry.Description }).SelectMany(e => e.Value))
            {
                errors.Add($"trackers[{i}]: {error}");
            }
            declared.Add(entry.Name.Trim());
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < entry.Fields.Length; j++)
            {
                var field = entry.Fields[j];
                var where = $"trackers[{i}].fields[{j}]";
                foreach (var (key, messages) in Errors.Of(field))
                {
                    errors.AddRange(messages.Select(m => $"{where}.{key}: {m}"));
                }
                if (!EnumNames.TryParse<FieldType>(field.Type, out var type))
                {
                    errors.Add($"{where}.type: '{field.Type}' is not a field type ({string.Join(", ", EnumNames.All<FieldType>())}).");
                }
                else if (FieldOptions.Validate(type, field.Options).Error is { } optionsError)
                {
                    errors.Add($"{where}.options: {optionsError}");
                }
                if (field.Name is not null && !names.Add(field.Name))
                {
                    errors.Add($"{where}: the field '{field.Name}' is listed twice.");
                }
            }
        }
        return Task.CompletedTask;
    }

    public async Task ExecuteAsync(RecipeStep step, RecipeContext context, CancellationToken ct)
    {
        var db = context.Db;
        foreach (var entry in RecipeJson.Read<TrackerEntry[]>(step, "trackers", []) ?? [])
        {
            var name = entry.Name.Trim();
            var tracker = await db.Trackers().Include(t => t.Fields).FirstOrDefaultAsync(t => t.Name == name, ct);
            if (tracker is null)
            {
                tracker = new CrmTracker { Name = name, CreatedById = context.AdminUserId };
                db.Trackers().Add(tracker);
            }
            tracker.Description = string.IsNullOrWhiteSpace(entry.Description) ? null : entry.Description.Trim();
            tracker.IsActive = entry.IsActive;
            for (var i = 0; i < entry.Fields.Length; i++)
            {
                var input = entry.Fields[i];
                var type = EnumNames.TryParse<FieldType>(input.Type, out var parsed) ? parsed : FieldType.Text;
                var field = tracker.Fields.FirstOrDefault(f => f.Name == input.Name);
                if (field is null)
                {
                    field = new CrmField { Name = input.Name!, TrackerId = tracker.Id, Type = type };
                    tracker.Fields.Add(field);
                }
                else if (field.Type != type && await db.LeadFieldValues().AnyAsync(v => v.FieldId == field.Id, ct))
                {
                    throw new RecipeException([$"{name}.{field.Name}: the type cannot change from {field.Type.ToName()} to {type.ToName()} while leads have values in it."]);
                }
                field.Type = type;
                field.Label = input.Label!.Trim();
                field.IsRequired = input.IsRequired;
                field.Options = FieldOptions.Validate(type, input.Options ?? (JsonNode?)null).Json;
                field.Placeholder = input.Placeholder;
                field.HelpText = input.HelpText;
                field.SortOrder = i;
            }
        }
    }
}
