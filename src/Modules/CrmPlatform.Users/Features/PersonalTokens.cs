using System.ComponentModel.DataAnnotations;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Users.Features;

public sealed record TokenDto(Guid Id, string Name, string Prefix, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? ExpiresAt, DateTime? RevokedAt);

/// <summary>The only time the secret is ever available: the response to creating the token.</summary>
public sealed record CreatedTokenDto(TokenDto Token, string Secret);

public sealed class CreateTokenRequest
{
    [Required(ErrorMessage = "Name the token (what will use it)."), StringLength(100, ErrorMessage = "The name can be at most 100 characters.")]
    public string? Name { get; set; }

    [Display(Name = "Expires")]
    public DateTime? ExpiresAt { get; set; }
}

/// <summary>A user's own API tokens: only a hash of the secret is stored; other users' tokens do not exist for them.</summary>
internal sealed class PersonalTokens(CrmDbContext db, TimeProvider clock)
{
    private const int PrefixLength = 12;

    public async Task<IReadOnlyList<TokenDto>> ListAsync(Guid userId, CancellationToken ct) =>
        await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.Id)
            .Select(t => new TokenDto(t.Id, t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.ExpiresAt, t.RevokedAt))
            .ToListAsync(ct);

    public async Task<Result<CreatedTokenDto>> CreateAsync(Guid userId, CreateTokenRequest request, CancellationToken ct)
    {
        request.Name = request.Name?.Trim();
        var errors = RequestValidator.Validate(request);
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = request.ExpiresAt is { } at ? DateTime.SpecifyKind(at, at.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : at.Kind).ToUniversalTime() : (DateTime?)null;
        if (expires <= now)
        {
            errors.Append(nameof(request.ExpiresAt), "The expiry must be in the future.");
        }
        else if (expires > now.AddYears(5))
        {
            errors.Append(nameof(request.ExpiresAt), "The expiry can be at most five years away.");
        }
        if (errors.Count > 0)
        {
            return Result<CreatedTokenDto>.Invalid(errors);
        }
        var secret = ApiTokens.NewSecret();
        var token = new ApiToken { UserId = userId, Name = request.Name!, Prefix = secret[..PrefixLength], TokenHash = ApiTokens.Hash(secret), ExpiresAt = expires };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return Result<CreatedTokenDto>.Ok(new CreatedTokenDto(ToDto(token), secret));
    }

    public async Task<bool> RevokeAsync(Guid userId, Guid tokenId, CancellationToken ct)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, ct);
        if (token is null)
        {
            return false;
        }
        token.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static TokenDto ToDto(ApiToken t) => new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.ExpiresAt, t.RevokedAt);
}
