using System.ComponentModel.DataAnnotations;
using CrmPlatform.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace CrmPlatform.Users.Features;

/// <summary>A user as the screens and the API show it (never the password hash or the security stamp).</summary>
public sealed record UserDto(
    Guid Id, string Email, string FirstName, string LastName, string? Phone, UserRole Role, bool IsActive,
    string? Company, string? Designation, DateTime CreatedAt, DateTime UpdatedAt, DateTimeOffset? LockedUntil);

/// <summary>The details a user may change about themself, validated the same way by the forms and the API.</summary>
public abstract class ProfileFields
{
    [Display(Name = "First name"), Required(ErrorMessage = "Enter a first name."), StringLength(100, ErrorMessage = "The first name can be at most 100 characters.")]
    public string? FirstName { get; set; }

    [Display(Name = "Last name"), Required(ErrorMessage = "Enter a last name."), StringLength(100, ErrorMessage = "The last name can be at most 100 characters.")]
    public string? LastName { get; set; }

    [Phone(ErrorMessage = "Enter a valid phone number."), StringLength(32, ErrorMessage = "The phone number can be at most 32 characters.")]
    public string? Phone { get; set; }

    [StringLength(200, ErrorMessage = "The company can be at most 200 characters.")]
    public string? Company { get; set; }

    [StringLength(200, ErrorMessage = "The designation can be at most 200 characters.")]
    public string? Designation { get; set; }

    /// <summary>Trims every field and turns blank optional fields into nulls.</summary>
    public virtual void Normalize()
    {
        FirstName = FirstName?.Trim();
        LastName = LastName?.Trim();
        Phone = Blank(Phone);
        Company = Blank(Company);
        Designation = Blank(Designation);
    }

    internal virtual void CopyTo(User user)
    {
        user.FirstName = FirstName!;
        user.LastName = LastName!;
        user.PhoneNumber = Phone;
        user.Company = Company;
        user.Designation = Designation;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The fields an administrator fills in for a user: the profile plus the email (the sign-in name) and the role.</summary>
public abstract class UserFields : ProfileFields
{
    [Required(ErrorMessage = "Enter an email address."), EmailAddress(ErrorMessage = "Enter a valid email address."), StringLength(256, ErrorMessage = "The email can be at most 256 characters.")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Choose a role."), RoleName]
    public string? Role { get; set; }

    /// <summary>Also lower-cases the email, so uniqueness does not depend on case.</summary>
    public override void Normalize()
    {
        base.Normalize();
        Email = Email?.Trim().ToLowerInvariant();
        Role = Role?.Trim();
    }

    internal UserRole ParsedRole => UserRoles.TryParse(Role, out var role) ? role : throw new InvalidOperationException("Validate first.");

    internal override void CopyTo(User user)
    {
        base.CopyTo(user);
        user.Email = Email;
        user.UserName = Email;
        user.Role = ParsedRole;
    }
}

/// <summary>One of the four role names (admin, internal_staff, partner, lead); anything else is a validation error.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class RoleNameAttribute : ValidationAttribute
{
    public RoleNameAttribute() : base("Choose one of the roles: admin, internal_staff, partner, lead.")
    {
    }

    public override bool IsValid(object? value) => value is null || (value is string s && UserRoles.TryParse(s, out _));
}

internal static class UserMapping
{
    public static UserDto ToDto(this User user) => new(
        user.Id, user.Email ?? "", user.FirstName, user.LastName, user.PhoneNumber, user.Role, user.IsActive,
        user.Company, user.Designation, user.CreatedAt, user.UpdatedAt, user.LockoutEnd > DateTimeOffset.UtcNow ? user.LockoutEnd : null);
}

/// <summary>Field-keyed error lists, and Identity's errors put next to the field they are about.</summary>
internal static class FieldErrors
{
    public static void Append(this Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public static Dictionary<string, string[]> FromIdentity(IdentityResult result, string passwordField)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var error in result.Errors)
        {
            var field = error.Code switch
            {
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => passwordField,
                "DuplicateEmail" or "DuplicateUserName" => nameof(UserFields.Email),
                "InvalidEmail" or "InvalidUserName" => nameof(UserFields.Email),
                _ => "",
            };
            var message = error.Code switch
            {
                "DuplicateEmail" or "DuplicateUserName" => DuplicateEmail,
                "InvalidUserName" => "The email contains characters that are not allowed.",
                _ => error.Description,
            };
            if (!errors.TryGetValue(field, out var existing) || !existing.Contains(message))
            {
                errors.Append(field, message);
            }
        }
        return errors;
    }

    public const string DuplicateEmail = "Another user already has this email address.";

    public static async Task ValidatePasswordAsync(this UserManager<User> users, User user, string? password, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(password) || errors.ContainsKey(field))
        {
            return;
        }
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            foreach (var error in result.Errors)
            {
                errors.Append(field, error.Description);
            }
        }
    }
}
