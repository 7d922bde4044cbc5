using CrmPlatform.Core.Api;
using CrmPlatform.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace CrmPlatform.Users.Features;

/// <summary>What a user may change about themself: not the email (their sign-in name) and not the role.</summary>
public sealed class UpdateProfileRequest : ProfileFields
{
    public static UpdateProfileRequest From(UserDto user) => new()
    {
        FirstName = user.FirstName,
        LastName = user.LastName,
        Phone = user.Phone,
        Company = user.Company,
        Designation = user.Designation,
    };
}

internal sealed class UpdateProfileHandler(UserManager<User> users, PhoneNumberNormalizer phones)
{
    public async Task<Result<User>> HandleAsync(Guid userId, UpdateProfileRequest request, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || !user.IsActive)
        {
            return Result<User>.NotFound();
        }
        request.Normalize();
        var errors = RequestValidator.Validate(request);
        await phones.NormalizeAsync(request, errors, ct);
        if (errors.Count > 0)
        {
            return Result<User>.Invalid(errors);
        }
        request.CopyTo(user);
        var result = await users.UpdateAsync(user);
        return result.Succeeded ? Result<User>.Ok(user) : Result<User>.Invalid(FieldErrors.FromIdentity(result, ""));
    }
}
