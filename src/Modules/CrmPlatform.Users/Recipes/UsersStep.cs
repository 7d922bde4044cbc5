using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using CrmPlatform.Core.Recipes;
using CrmPlatform.Core.Users;
using CrmPlatform.Users.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Users.Recipes;

/// <summary>
/// <c>{ "name": "users", "users": [ { "email": "…", "firstName": "…", "lastName": "…", "role": "partner", "password": "…" } ] }</c>
/// creates missing users and updates existing ones (matched by email). Without a password the user gets a random one
/// and signs in after a password reset.
/// </summary>
internal sealed class UsersStep : IRecipeStepHandler
{
    public string StepName => "users";

    internal sealed class UserEntry
    {
        [Required, EmailAddress, StringLength(256)] public string Email { get; set; } = "";
        [Required, StringLength(100)] public string FirstName { get; set; } = "";
        [Required, StringLength(100)] public string LastName { get; set; } = "";
        [Required] public string Role { get; set; } = "";
        [StringLength(128)] public string? Password { get; set; }
        [StringLength(32)] public string? Phone { get; set; }
        [StringLength(200)] public string? Company { get; set; }
        [StringLength(200)] public string? Designation { get; set; }
        public bool IsActive { get; set; } = true;
    }

    public async Task ValidateAsync(RecipeStep step, RecipeContext context, List<string> errors, CancellationToken ct)
    {
        var entries = RecipeJson.Read<UserEntry[]>(step, "users", errors) ?? [];
        var users = context.Services.GetRequiredService<UserManager<User>>();
        var phones = context.Services.GetRequiredService<PhoneNumberNormalizer>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(entry, new ValidationContext(entry), results, true);
            errors.AddRange(results.Select(r => $"users[{i}]: {r.ErrorMessage}"));
            if (!UserRoles.TryParse(entry.Role, out _))
            {
                errors.Add($"users[{i}]: '{entry.Role}' is not a role (admin, internal_staff, partner, lead).");
            }
            if (!string.IsNullOrWhiteSpace(entry.Phone) && await phones.ToE164Async(entry.Phone, ct) is null)
            {
                errors.Add($"users[{i}]: '{entry.Phone}' is not a valid phone number.");
            }
            if (!seen.Add(entry.Email.Trim()))
            {
                errors.Add($"users[{i}]: '{entry.Email}' is listed twice.");
            }
            if (entry.Password is not null)
            {
                foreach (var validator in users.PasswordValidators)
                {
                    var result = await validator.ValidateAsync(users, new User(), entry.Password);
                    errors.AddRange(result.Errors.Select(e => $"users[{i}]: {e.Description}"));
                }
            }
        }
    }

    public async Task ExecuteAsync(RecipeStep step, RecipeContext context, CancellationToken ct)
    {
        var users = context.Services.GetRequiredService<UserManager<User>>();
        var phones = context.Services.GetRequiredService<PhoneNumberNormalizer>();
        foreach (var entry in RecipeJson.Read<UserEntry[]>(step, "users", []) ?? [])
        {
            if (!UserRoles.TryParse(entry.Role, out var role))
            {
                throw new RecipeException([$"'{entry.Role}' is not a role."]);
            }
            var email = entry.Email.Trim().ToLowerInvariant();
            var user = await users.FindByEmailAsync(email);
            var isNew = user is null;
            user ??= new User { Email = email, UserName = email, EmailConfirmed = true };
            user.FirstName = entry.FirstName.Trim();
            user.LastName = entry.LastName.Trim();
            user.Role = role;
            user.PhoneNumber = string.IsNullOrWhiteSpace(entry.Phone) ? null : await phones.ToE164Async(entry.Phone, ct);
            user.Company = entry.Company;
            user.Designation = entry.Designation;
            user.IsActive = entry.IsActive;
            var result = isNew
                ? await users.CreateAsync(user, entry.Password ?? RandomPassword())
                : await users.UpdateAsync(user);
            if (!result.Succeeded)
            {
                throw new RecipeException([$"{email}: {string.Join(" ", result.Errors.Select(e => e.Description))}"]);
            }
        }
    }

    private static string RandomPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)) + "a1";
}
