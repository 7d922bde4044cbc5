using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.CrmTrackers.Features;

public sealed record UserOption(Guid Id, string Name, string? Email);

public sealed record ContactOption(Guid Id, string Name, string Email);

/// <summary>Choices the lead screens offer: users a lead can be assigned to, and contacts found by email.</summary>
internal sealed class LeadPickers(CrmDbContext db)
{
    public async Task<IReadOnlyList<UserOption>> AssigneesAsync(CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.IsActive && u.Role != UserRole.Lead)
            .OrderBy(u => u.FirstName).ThenBy(u => u.LastName).Take(500)
            .Select(u => new UserOption(u.Id, u.FirstName + " " + u.LastName, u.Email)).ToListAsync(ct);

    public async Task<ContactOption?> ContactByEmailAsync(string? email, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }
        var normalized = email.Trim().ToLowerInvariant();
        return await db.Set<Contact>().AsNoTracking().Where(c => c.EmailId == normalized)
            .Select(c => new ContactOption(c.Id, c.Name, c.EmailId)).FirstOrDefaultAsync(ct);
    }

    public async Task<ContactOption?> ContactAsync(Guid? id, CancellationToken ct) =>
        id is null ? null : await db.Set<Contact>().AsNoTracking().Where(c => c.Id == id)
            .Select(c => new ContactOption(c.Id, c.Name, c.EmailId)).FirstOrDefaultAsync(ct);
}
