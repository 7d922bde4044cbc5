using CrmPlatform.Core.Data;
using CrmPlatform.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Core.Workflows;

/// <summary>Small readers that module tasks share: ids from rendered properties and users by email or id.</summary>
public static class WorkflowTaskValues
{
    /// <summary>True when the value is a Liquid template (its result is known only when the task runs).</summary>
    public static bool IsTemplate(string? value) =>
        value is not null && (value.Contains("{{", StringComparison.Ordinal) || value.Contains("{%", StringComparison.Ordinal));

    /// <summary>The property rendered and read as a GUID; null when empty or not a GUID.</summary>
    public static async Task<Guid?> GetGuidAsync(this WorkflowTaskContext context, string property, CancellationToken ct) =>
        Guid.TryParse((await context.GetTextAsync(property, ct)).Trim(), out var id) ? id : null;

    /// <summary>The id of the user with this id or (case-insensitive) email, or null.</summary>
    public static async Task<Guid?> FindUserIdAsync(CrmDbContext db, string? emailOrId, bool assignableOnly, CancellationToken ct)
    {
        var who = emailOrId?.Trim() ?? "";
        if (who.Length == 0)
        {
            return null;
        }
        var users = db.Users.AsNoTracking();
        if (assignableOnly)
        {
            users = users.Where(u => u.IsActive && u.Role != UserRole.Lead);
        }
        if (Guid.TryParse(who, out var id))
        {
            return await users.Where(u => u.Id == id).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        }
        var normalized = who.ToUpperInvariant();
        return await users.Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
    }
}
