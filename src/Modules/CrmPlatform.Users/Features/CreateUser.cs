using System.ComponentModel.DataAnnotations;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace CrmPlatform.Users.Features;

public sealed class CreateUserRequest : UserFields
{
    [Display(Name = "Initial password"), Required(ErrorMessage = "Enter an initial password."), StringLength(128, ErrorMessage = "The password can be at most 128 characters."), DataType(DataType.Password)]
    public string? Password { get; set; }
}

/// <summary>Creates a user with a normalised, unique email and a password that meets the Identity policy.</summary>
internal sealed class CreateUserHandler(UserManager<User> users, ICurrentUser actor, PhoneNumberNormalizer phones)
{
    public async Task<Result<UserDto>> HandleAsync(CreateUserRequest request, CancellationToken ct)
    {
        request.Normalize();
        var errors = RequestValidator.Validate(request);
        if (!errors.ContainsKey(nameof(request.Email)) && await users.FindByEmailAsync(request.Email!) is not null)
        {
            errors.Append(nameof(request.Email), FieldErrors.DuplicateEmail);
        }
        await phones.NormalizeAsync(request, errors, ct);
        var user = new User { EmailConfirmed = true };
        await users.ValidatePasswordAsync(user, request.Password, nameof(request.Password), errors);
        if (!errors.ContainsKey(nameof(request.Role)))
        {
            UserRules.CheckActor(actor, null, request.ParsedRole, errors);
        }
        if (errors.Count > 0)
        {
            return Result<UserDto>.Invalid(errors);
        }
        request.CopyTo(user);
        var result = await users.CreateAsync(user, request.Password!);
        return result.Succeeded
            ? Result<UserDto>.Ok(user.ToDto())
            : Result<UserDto>.Invalid(FieldErrors.FromIdentity(result, nameof(request.Password)));
    }
}
