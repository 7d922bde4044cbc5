using System.ComponentModel.DataAnnotations;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Contacts.Features;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Recipes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Contacts.Recipes;

/// <summary>
/// <c>{ "name": "contacts", "contacts": [ { "name": "…", "emailId": "…", "contactNo": "+44…", "location": "…", "type": "employee",
/// "company": "…", "designation": "…", "industry": "…", "website": "https://…", "category": "Customers" } ] }</c> creates missing
/// contacts and updates existing ones, matched by normalised email, with the same rules as the contact form. New contacts
/// are attributed to the admin running the recipe and raise <c>ContactCreated</c>.
/// </summary>
internal sealed class ContactsStep : IRecipeStepHandler
{
    public string StepName => "contacts";

    internal sealed class ContactEntry
    {
        public string? Name { get; set; }
        public string? EmailId { get; set; }
        public string? ContactNo { get; set; }
        public string? Location { get; set; }
        public string? Type { get; set; }
        public string? Company { get; set; }
        public string? Designation { get; set; }
        public string? Industry { get; set; }
        public string? Website { get; set; }
        public string? Category { get; set; }
        public string? PersonalityType { get; set; }
    }

    public async Task ValidateAsync(RecipeStep step, RecipeContext context, List<string> errors, CancellationToken ct)
    {
        var entries = RecipeJson.Read<ContactEntry[]>(step, "contacts", errors) ?? [];
        var known = context.Properties.TryGetValue(CategoriesStep.KnownNamesProperty, out var value) ? (HashSet<string>)value : [];
        var region = await context.Services.GetRequiredService<ContactFieldRules>().DefaultRegionAsync(ct);
        var emails = new Dictionary<string, int>();
        var phones = new Dictionary<string, string>();
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            var input = ToInput(entry, null, out var typeError);
            var problems = RequestValidator.Validate(input).SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")).ToList();
            if (typeError)
            {
                problems.Add($"type: '{entry.Type}' is not entrepreneur or employee.");
            }
            var phone = "";
            if (!string.IsNullOrWhiteSpace(entry.ContactNo) && !ContactRules.TryNormalizePhone(entry.ContactNo, region, out phone))
            {
                problems.Add($"contactNo: '{entry.ContactNo}' is not a valid phone number.");
            }
            if (entry.Category is { } category && !known.Contains(ContactCategory.Normalize(category))
                && !await context.Db.Set<ContactCategory>().AnyAsync(c => c.NormalizedName == ContactCategory.Normalize(category), ct))
            {
                problems.Add($"category: there is no category named '{category}'.");
            }
            if (!string.IsNullOrWhiteSpace(entry.EmailId) && !emails.TryAdd(ContactRules.NormalizeEmail(entry.EmailId), i))
            {
                problems.Add($"emailId: '{entry.EmailId}' is listed twice.");
            }
            if (phone.Length > 0 && !string.IsNullOrWhiteSpace(entry.EmailId))
            {
                var email = ContactRules.NormalizeEmail(entry.EmailId);
                if (!phones.TryAdd(phone, email) && phones[phone] != email)
                {
                    problems.Add($"contactNo: '{entry.ContactNo}' is listed for two contacts.");
                }
                else if (await context.Db.Set<Contact>().IgnoreQueryFilters().AnyAsync(c => c.ContactNo == phone && c.EmailId != email, ct))
                {
                    problems.Add($"contactNo: '{entry.ContactNo}' already belongs to another contact.");
                }
            }
            errors.AddRange(problems.Select(p => $"contacts[{i}] ({entry.EmailId}): {p}"));
        }
    }

    public async Task ExecuteAsync(RecipeStep step, RecipeContext context, CancellationToken ct)
    {
        var db = context.Db;
        var region = await context.Services.GetRequiredService<ContactFieldRules>().DefaultRegionAsync(ct);
        var categories = await db.Set<ContactCategory>().ToDictionaryAsync(c => c.NormalizedName, c => c.Id, ct);
        foreach (var entry in RecipeJson.Read<ContactEntry[]>(step, "contacts", []) ?? [])
        {
            var categoryId = entry.Category is null ? (Guid?)null : categories[ContactCategory.Normalize(entry.Category)];
            var input = ToInput(entry, categoryId, out _);
            ContactRules.TryNormalizePhone(input.ContactNo!, region, out var phone);
            var email = ContactRules.NormalizeEmail(input.EmailId!);
            var contact = await db.Set<Contact>().IgnoreQueryFilters().FirstOrDefaultAsync(c => c.EmailId == email, ct);
            var isNew = contact is null;
            contact ??= new Contact { CreatedById = context.AdminUserId };
            ContactFieldRules.Apply(new PreparedContact(input, email, phone), contact);
            contact.PersonalityType = string.IsNullOrWhiteSpace(entry.PersonalityType) ? contact.PersonalityType : entry.PersonalityType.Trim();
            if (isNew)
            {
                db.Add(contact);
                db.Raise(new ContactCreated(contact.Id, contact.Name, contact.EmailId, contact.ContactNo, EnumNames.ToSnake(contact.Type), contact.Company, contact.CategoryId, contact.CreatedById));
            }
        }
    }

    private static ContactInput ToInput(ContactEntry entry, Guid? categoryId, out bool typeError)
    {
        ContactType? type = null;
        typeError = false;
        if (EnumNames.TryParse<ContactType>(entry.Type?.Trim().ToLowerInvariant(), out var parsed))
        {
            type = parsed;
        }
        else if (entry.Type is not null)
        {
            typeError = true;
        }
        return new ContactInput
        {
            Name = entry.Name, EmailId = entry.EmailId, ContactNo = entry.ContactNo, Location = entry.Location, Type = type,
            Company = entry.Company, Designation = entry.Designation, Industry = entry.Industry, Website = entry.Website, CategoryId = categoryId,
        };
    }
}
