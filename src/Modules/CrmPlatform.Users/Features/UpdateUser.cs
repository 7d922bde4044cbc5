using CrmPlatform.Core.Api;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace CrmPlatform.Users.Features;

public sealed class UpdateUserRequest : UserFields
{
    public static UpdateUserRequest From(UserDto user) => new()
    {
        Email = user.Email,
        FirstName = user.FirstName,
        LastName = user.LastName,
        Phone = user.Phone,
        Role = user.Role.ToName(),
        Company = user.Company,
        Designation = user.Designation,
    };
}

/// <summary>Edits a user's details and role; nobody can change their own role.</summary>
internal sealed class UpdateUserHandler(UserManager<User> users, ICurrentUser actor, PhoneNumberNormalizer phones)
{
    public async Task<Result<UserDto>> HandleAsync(Guid id, UpdateUserRequest request, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return Result<UserDto>.NotFound();
        }
        request.Normalize();
        var errors = RequestValidator.Validate(request);
        if (!errors.ContainsKey(nameof(request.Email)) && await users.FindByEmailAsync(request.Email!) is { } other && other.Id != id)
        {
            errors.Append(nameof(request.Email), FieldErrors.DuplicateEmail);
        }
        await phones.NormalizeAsync(request, errors, ct);
        if (!errors.ContainsKey(nameof(request.Role)))
        {
            var role = request.ParsedRole;
            if (id == actor.Id && role != user.Role)
            {
                errors.Append(nameof(request.Role), "You cannot change your own role.");
            }
            else
            {
                UserRules.CheckActor(actor, user.Role, role, errors);
            }
        }
        if (errors.Count > 0)
        {
            return Result<UserDto>.Invalid(errors);
        }
        request.CopyTo(user);
        var result = await users.UpdateAsync(user);
        return result.Succeeded
            ? Result<UserDto>.Ok(user.ToDto())
            : Result<UserDto>.Invalid(FieldErrors.FromIdentity(result, ""));
    }
}
