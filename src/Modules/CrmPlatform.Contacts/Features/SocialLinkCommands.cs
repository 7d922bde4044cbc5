using System.ComponentModel.DataAnnotations;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Contacts.Features;

public sealed class SocialLinkInput : IValidatableObject
{
    [Required(ErrorMessage = "Choose the platform.")]
    public SocialPlatform? Platform { get; set; }

    [Display(Name = "URL"), Required(ErrorMessage = "Enter the profile's web address."), StringLength(ContactSocialLink.UrlMaxLength)]
    public string? Url { get; set; }

    [StringLength(ContactSocialLink.UsernameMaxLength)]
    public string? Username { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Url) || Platform is not { } platform)
        {
            yield break;
        }
        if (!ContactRules.IsWebUrl(Url))
        {
            yield return new ValidationResult("Enter a full web address starting with http:// or https://.", [nameof(Url)]);
        }
        else if (!ContactRules.IsOnPlatform(platform, Url))
        {
            yield return new ValidationResult($"A {EnumNames.ToSnake(platform)} link must be on {ContactRules.PlatformDomains(platform)}.", [nameof(Url)]);
        }
    }
}

public sealed record SocialLinkDto(Guid Id, Guid ContactId, SocialPlatform Platform, string Url, string? Username, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>A contact's social profiles, each URL checked against its platform.</summary>
public sealed class SocialLinkCommands(CrmDbContext db, ContactAccess access)
{
    public async Task<IReadOnlyList<SocialLinkDto>?> ListAsync(Guid contactId, CancellationToken ct)
    {
        if (!await access.IsVisibleAsync(contactId, ct))
        {
            return null;
        }
        return await db.Set<ContactSocialLink>().AsNoTracking().Where(l => l.ContactId == contactId)
            .OrderBy(l => l.Platform).ThenBy(l => l.Id).Select(Projection).ToListAsync(ct);
    }

    public async Task<Result<SocialLinkDto>> AddAsync(Guid contactId, SocialLinkInput input, CancellationToken ct)
    {
        if (!await access.IsVisibleAsync(contactId, ct))
        {
            return Result<SocialLinkDto>.NotFound();
        }
        var errors = RequestValidator.Validate(input);
        if (errors.Count > 0)
        {
            return Result<SocialLinkDto>.Invalid(errors);
        }
        var link = new ContactSocialLink { ContactId = contactId };
        Apply(input, link);
        db.Add(link);
        await db.SaveChangesAsync(ct);
        return Result<SocialLinkDto>.Ok(await GetAsync(link.Id, ct));
    }

    public async Task<Result<SocialLinkDto>> UpdateAsync(Guid contactId, Guid id, SocialLinkInput input, CancellationToken ct)
    {
        var link = await FindAsync(contactId, id, ct);
        if (link is null)
        {
            return Result<SocialLinkDto>.NotFound();
        }
        var errors = RequestValidator.Validate(input);
        if (errors.Count > 0)
        {
            return Result<SocialLinkDto>.Invalid(errors);
        }
        Apply(input, link);
        await db.SaveChangesAsync(ct);
        return Result<SocialLinkDto>.Ok(await GetAsync(id, ct));
    }

    public async Task<Result<bool>> DeleteAsync(Guid contactId, Guid id, CancellationToken ct)
    {
        var link = await FindAsync(contactId, id, ct);
        if (link is null)
        {
            return Result<bool>.NotFound();
        }
        db.Remove(link);
        await db.SaveChangesAsync(ct);
        return Result<bool>.Ok(true);
    }

    private async Task<ContactSocialLink?> FindAsync(Guid contactId, Guid id, CancellationToken ct) =>
        await access.IsVisibleAsync(contactId, ct)
            ? await db.Set<ContactSocialLink>().FirstOrDefaultAsync(l => l.Id == id && l.ContactId == contactId, ct)
            : null;

    private static void Apply(SocialLinkInput input, ContactSocialLink link)
    {
        link.Platform = input.Platform!.Value;
        link.Url = input.Url!.Trim();
        link.Username = string.IsNullOrWhiteSpace(input.Username) ? null : input.Username.Trim();
    }

    private async Task<SocialLinkDto> GetAsync(Guid id, CancellationToken ct) =>
        await db.Set<ContactSocialLink>().AsNoTracking().Where(l => l.Id == id).Select(Projection).FirstAsync(ct);

    private static readonly System.Linq.Expressions.Expression<Func<ContactSocialLink, SocialLinkDto>> Projection = l => new SocialLinkDto(
        l.Id, l.ContactId, l.Platform, l.Url, l.Username, l.CreatedAt, l.UpdatedAt);
}
