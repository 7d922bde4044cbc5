using System.ComponentModel.DataAnnotations;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Recipes;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Contacts.Recipes;

/// <summary>
/// <c>{ "name": "categories", "categories": [ { "name": "Customers", "description": "…", "isActive": true } ] }</c> creates
/// missing categories and updates existing ones, matched by name whatever its case.
/// </summary>
internal sealed class CategoriesStep : IRecipeStepHandler
{
    public const string KnownNamesProperty = "contacts:category-names";

    public string StepName => "categories";

    internal sealed class CategoryEntry
    {
        [Required, StringLength(ContactCategory.NameMaxLength)] public string Name { get; set; } = "";
        [StringLength(ContactCategory.DescriptionMaxLength)] public string? Description { get; set; }
        public bool IsActive { get; set; } = true;
    }

    public Task ValidateAsync(RecipeStep step, RecipeContext context, List<string> errors, CancellationToken ct)
    {
        var entries = RecipeJson.Read<CategoryEntry[]>(step, "categories", errors) ?? [];
        var seen = new HashSet<string>();
        for (var i = 0; i < entries.Length; i++)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(entries[i], new ValidationContext(entries[i]), results, true);
            errors.AddRange(results.Select(r => $"categories[{i}]: {r.ErrorMessage}"));
            if (string.IsNullOrWhiteSpace(entries[i].Name))
            {
                continue;
            }
            if (!seen.Add(ContactCategory.Normalize(entries[i].Name)))
            {
                errors.Add($"categories[{i}]: '{entries[i].Name}' is listed twice (names are compared without regard to case).");
            }
        }
        // Later "contacts" steps of the same recipe may name these categories before they exist.
        var known = context.Properties.TryGetValue(KnownNamesProperty, out var value) ? (HashSet<string>)value : [];
        known.UnionWith(seen);
        context.Properties[KnownNamesProperty] = known;
        return Task.CompletedTask;
    }

    public async Task ExecuteAsync(RecipeStep step, RecipeContext context, CancellationToken ct)
    {
        var categories = context.Db.Set<ContactCategory>();
        foreach (var entry in RecipeJson.Read<CategoryEntry[]>(step, "categories", []) ?? [])
        {
            var normalized = ContactCategory.Normalize(entry.Name);
            var category = await categories.FirstOrDefaultAsync(c => c.NormalizedName == normalized, ct)
                ?? categories.Local.FirstOrDefault(c => c.NormalizedName == normalized);
            if (category is null)
            {
                category = new ContactCategory();
                categories.Add(category);
            }
            category.Name = entry.Name.Trim();
            category.NormalizedName = normalized;
            category.Description = string.IsNullOrWhiteSpace(entry.Description) ? null : entry.Description.Trim();
            category.IsActive = entry.IsActive;
        }
    }
}
