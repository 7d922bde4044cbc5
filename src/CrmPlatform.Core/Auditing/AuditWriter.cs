using System.Reflection;
using System.Text.Json;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CrmPlatform.Core.Auditing;

internal static class AuditWriter
{
    public static List<AuditEntry> Collect(ChangeTracker tracker, Guid? userId, DateTime now)
    {
        var entries = new List<AuditEntry>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is not IAuditable || entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }
            var changes = new Dictionary<string, object?>();
            foreach (var property in entry.Properties)
            {
                var name = property.Metadata.Name;
                if (name is "CreatedAt" or "UpdatedAt" or "ConcurrencyStamp" || IsIgnored(property.Metadata.PropertyInfo))
                {
                    continue;
                }
                switch (entry.State)
                {
                    case EntityState.Added when property.CurrentValue is not null:
                        changes[name] = new { @new = property.CurrentValue };
                        break;
                    case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                        changes[name] = new { old = property.OriginalValue, @new = property.CurrentValue };
                        break;
                }
            }
            var action = entry.State switch
            {
                EntityState.Added => "created",
                EntityState.Deleted => "deleted",
                _ => SoftDeleteAction(entry) ?? "updated",
            };
            if (action == "updated" && changes.Count == 0)
            {
                continue;
            }
            var key = entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString());
            entries.Add(new AuditEntry
            {
                At = now,
                UserId = userId,
                EntityType = entry.Metadata.ClrType.Name,
                EntityId = string.Join("/", key),
                Action = action,
                Changes = JsonSerializer.Serialize(changes),
            });
        }
        return entries;
    }

    private static string? SoftDeleteAction(EntityEntry entry)
    {
        if (entry.Entity is not ISoftDelete)
        {
            return null;
        }
        var deleted = entry.Property(nameof(ISoftDelete.DeletedAt));
        if (!deleted.IsModified)
        {
            return null;
        }
        return deleted.CurrentValue is null ? "restored" : "deleted";
    }

    private static bool IsIgnored(PropertyInfo? property) =>
        property?.GetCustomAttribute<AuditIgnoreAttribute>() is not null
        || property?.Name is "PasswordHash" or "SecurityStamp";
}
