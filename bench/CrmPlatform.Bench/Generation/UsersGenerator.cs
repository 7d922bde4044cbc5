using CrmPlatform.Core.Data;

namespace CrmPlatform.Bench.Generation;

/// <summary>Staff and partner users (50 at full scale) who own and are assigned the generated records.</summary>
internal sealed class UsersGenerator : IDataGenerator
{
    public string Name => "users";
    public int Order => 0;

    public async Task<GenerationResult> GenerateAsync(GenerationContext context, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var count = Math.Max(5, context.Options.Scaled(50));
        var rows = new List<object?[]>();
        for (var i = 0; i < count; i++)
        {
            var id = context.NewId(context.Now.AddDays(-400 + i));
            var email = $"bench-user-{i}@bench.local";
            var role = i % 5 == 0 ? "partner" : "internal_staff";
            context.UserIds.Add(id);
            rows.Add([id, email, email.ToUpperInvariant(), email, email.ToUpperInvariant(), true, "not-a-usable-hash", Guid.NewGuid().ToString(), Guid.NewGuid().ToString(),
                false, false, true, 0, "Bench", $"User {i}", role, true, context.Now, context.Now]);
        }
        var written = await context.Writer.WriteAsync("users",
            ["id", "email", "normalized_email", "user_name", "normalized_user_name", "email_confirmed", "password_hash", "security_stamp", "concurrency_stamp",
             "phone_number_confirmed", "two_factor_enabled", "lockout_enabled", "access_failed_count", "first_name", "last_name", "role", "is_active", "created_at", "updated_at"],
            rows, ct);
        context.UserIds.Add(context.AdminId);
        return new GenerationResult(Name, written, started.Elapsed);
    }

    public static DatabaseProvider Provider(GenerationContext context) => context.Writer.Provider;
}
