using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Contacts.Workflows;

/// <summary>Moves a contact to an active category (by id or name), raising <see cref="ContactUpdated"/> like an edit.</summary>
internal sealed class SetContactCategoryTask : IWorkflowTask
{
    public const string Name = "SetContactCategory";

    public ActivityDescriptor Descriptor { get; } = new(Name, "Set contact category", "Contacts", ContactsModule.ModuleId, ActivityKind.Task)
    {
        Description = "Puts a contact in a category. Outcomes: Done, Unchanged (already there), NotFound (no such contact).",
        Properties =
        [
            ContactTaskSupport.ContactIdProperty(),
            new("Category", "Category (name or id)", ActivityPropertyType.Liquid, Required: true) { Description = "An active category, e.g. Customers." },
        ],
        Outcomes = ["Done", "Unchanged", ContactTaskSupport.NotFound],
    };

    public async Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct)
    {
        var contact = await ContactTaskSupport.FindContactAsync(context, ct);
        if (contact is null)
        {
            return ActivityResult.Outcome(ContactTaskSupport.NotFound);
        }
        var wanted = (await context.GetTextAsync("Category", ct)).Trim();
        // A category that does not exist is a mistake in the workflow, not in the data: fault with the reason.
        var category = await FindAsync(context.Db, wanted, ct) ?? throw new InvalidOperationException($"There is no active contact category '{wanted}'.");
        if (contact.CategoryId == category.Id)
        {
            return ActivityResult.Outcome("Unchanged");
        }
        contact.CategoryId = category.Id;
        context.Db.Raise(new ContactUpdated(contact.Id, contact.Name, contact.EmailId, [nameof(Contact.CategoryId)], null));
        context.Log($"{contact.Name} is now in {category.Name}.");
        return ActivityResult.Done();
    }

    public async Task<IReadOnlyList<(string Property, string Message)>> ValidateAsync(IReadOnlyDictionary<string, string> properties, CrmDbContext db, CancellationToken ct)
    {
        var value = properties.GetValueOrDefault("Category")?.Trim();
        if (string.IsNullOrEmpty(value) || WorkflowTaskValues.IsTemplate(value) || await FindAsync(db, value, ct) is not null)
        {
            return [];
        }
        return [("Category", $"There is no active contact category '{value}'.")];
    }

    private static async Task<ContactCategory?> FindAsync(CrmDbContext db, string nameOrId, CancellationToken ct)
    {
        var categories = db.Set<ContactCategory>().AsNoTracking().Where(c => c.IsActive);
        if (Guid.TryParse(nameOrId, out var id))
        {
            return await categories.FirstOrDefaultAsync(c => c.Id == id, ct);
        }
        var normalized = ContactCategory.Normalize(nameOrId);
        return await categories.FirstOrDefaultAsync(c => c.NormalizedName == normalized, ct);
    }
}
