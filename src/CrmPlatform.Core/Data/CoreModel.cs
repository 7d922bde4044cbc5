using CrmPlatform.Core.Auditing;
using CrmPlatform.Core.Events;
using CrmPlatform.Core.Features;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Settings;
using CrmPlatform.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Core.Data;

/// <summary>The kernel's own tables.</summary>
internal static class CoreModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<User>(b =>
        {
            b.ToTable("users");
            b.Property(u => u.Email).IsRequired().HasMaxLength(256);
            b.Property(u => u.NormalizedEmail).IsRequired().HasMaxLength(256);
            b.Property(u => u.PasswordHash).IsRequired();
            b.Property(u => u.FirstName).IsRequired().HasMaxLength(100);
            b.Property(u => u.LastName).IsRequired().HasMaxLength(100);
            b.Property(u => u.PhoneNumber).HasMaxLength(32);
            b.Property(u => u.Company).HasMaxLength(200);
            b.Property(u => u.Designation).HasMaxLength(200);
            b.Property(u => u.IsActive).HasDefaultValue(true).HasSentinel(true);
            b.HasIndex(u => u.NormalizedEmail).IsUnique();
            b.HasIndex(u => u.Role);
            b.Ignore(u => u.FullName);
        });
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("user_tokens");

        builder.Entity<ApiToken>(b =>
        {
            b.ToTable("api_tokens");
            b.Property(t => t.Name).IsRequired().HasMaxLength(100);
            b.Property(t => t.Prefix).IsRequired().HasMaxLength(16);
            b.Property(t => t.TokenHash).IsRequired().HasMaxLength(64);
            b.HasIndex(t => t.TokenHash).IsUnique();
            b.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<RolePermission>(b =>
        {
            b.ToTable("role_permissions");
            b.HasKey(r => new { r.Role, r.Permission });
            b.Property(r => r.Permission).HasMaxLength(100);
        });

        builder.Entity<FeatureState>(b =>
        {
            b.ToTable("features");
            b.HasKey(f => f.Id);
            b.Property(f => f.Id).HasMaxLength(100);
        });

        builder.Entity<SiteSetting>(b =>
        {
            b.ToTable("site_settings");
            b.HasKey(s => s.Key);
            b.Property(s => s.Key).HasMaxLength(100);
            b.Property(s => s.Value).IsRequired();
        });

        builder.Entity<AuditEntry>(b =>
        {
            b.ToTable("audit_log");
            b.Property(a => a.EntityType).IsRequired().HasMaxLength(100);
            b.Property(a => a.EntityId).IsRequired().HasMaxLength(100);
            b.Property(a => a.Action).IsRequired().HasMaxLength(16);
            b.HasIndex(a => new { a.EntityType, a.EntityId });
            b.HasIndex(a => a.UserId);
            b.HasIndex(a => a.At);
        });

        builder.Entity<OutboxMessage>(b =>
        {
            b.ToTable("outbox_messages");
            b.Property(o => o.Type).IsRequired().HasMaxLength(100);
            b.Property(o => o.Payload).IsRequired();
            b.Property(o => o.LockedBy).HasMaxLength(100);
            b.HasIndex(o => new { o.ProcessedAt, o.NextAttemptAt });
        });

        builder.Entity<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>().ToTable("data_protection_keys");
    }
}
