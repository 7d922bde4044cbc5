using System.ComponentModel.DataAnnotations;
using CrmPlatform.Contacts.Data;

namespace CrmPlatform.Contacts.Features;

/// <summary>The fields a user writes on a contact (form, API, recipe, import). Profile fields are written by assessments.</summary>
public sealed class ContactInput : IValidatableObject
{
    [Required(ErrorMessage = "Enter the contact's name."), StringLength(Contact.NameMaxLength)]
    public string? Name { get; set; }

    [Display(Name = "Phone"), Required(ErrorMessage = "Enter a phone number."), StringLength(32)]
    public string? ContactNo { get; set; }

    [Display(Name = "Email"), Required(ErrorMessage = "Enter an email address."), StringLength(Contact.EmailMaxLength)]
    public string? EmailId { get; set; }

    [Required(ErrorMessage = "Enter a location."), StringLength(Contact.TextMaxLength)]
    public string? Location { get; set; }

    [Required(ErrorMessage = "Choose entrepreneur or employee.")]
    public ContactType? Type { get; set; }

    [StringLength(Contact.TextMaxLength)] public string? Company { get; set; }
    [StringLength(Contact.TextMaxLength)] public string? Designation { get; set; }
    [StringLength(Contact.IndustryMaxLength)] public string? Industry { get; set; }
    [StringLength(Contact.WebsiteMaxLength)] public string? Website { get; set; }
    public Guid? CategoryId { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(EmailId) && !ContactRules.IsEmail(EmailId))
        {
            yield return new ValidationResult("Enter an email address such as name@example.com.", [nameof(EmailId)]);
        }
        if (!string.IsNullOrWhiteSpace(Website) && !ContactRules.IsWebUrl(Website))
        {
            yield return new ValidationResult("Enter a full web address starting with http:// or https://.", [nameof(Website)]);
        }
        if (Name is not null && string.IsNullOrWhiteSpace(Name))
        {
            yield return new ValidationResult("Enter the contact's name.", [nameof(Name)]);
        }
    }

    public static ContactInput From(Contact contact) => new()
    {
        Name = contact.Name,
        ContactNo = contact.ContactNo,
        EmailId = contact.EmailId,
        Location = contact.Location,
        Type = contact.Type,
        Company = contact.Company,
        Designation = contact.Designation,
        Industry = contact.Industry,
        Website = contact.Website,
        CategoryId = contact.CategoryId,
    };
}

/// <summary>A contact as screens and the API show it (and CSV export writes it).</summary>
public sealed record ContactDto(
    Guid Id, string Name, string ContactNo, string EmailId, string Location, ContactType Type, string? Company,
    string? Designation, string? Industry, string? Website, string? InnerDrives, string? Baselines, string? Traits,
    string? PersonalityType, Guid? CategoryId, string? CategoryName, Guid? CreatedById, string? CreatedByName,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? DeletedAt)
{
    public static readonly System.Linq.Expressions.Expression<Func<Contact, ContactDto>> Projection = c => new ContactDto(
        c.Id, c.Name, c.ContactNo, c.EmailId, c.Location, c.Type, c.Company, c.Designation, c.Industry, c.Website,
        c.InnerDrives, c.Baselines, c.Traits, c.PersonalityType, c.CategoryId, c.Category == null ? null : c.Category.Name,
        c.CreatedById, c.CreatedBy == null ? null : c.CreatedBy.FirstName + " " + c.CreatedBy.LastName,
        c.CreatedAt, c.UpdatedAt, c.DeletedAt);
}
