using CrmPlatform.Core.Data;
using CrmPlatform.Core.Events;
using CrmPlatform.Core.Features;
using CrmPlatform.Core.Recipes;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Kernel;

/// <summary>Features, recipes and the outbox, through the host's real services and database.</summary>
public abstract class PlatformServicesTests(CrmApp app) : IntegrationTest(app)
{
    private IFeatureManager Features => App.Services.GetRequiredService<IFeatureManager>();

    [Fact]
    public async Task Enabling_a_feature_whose_dependency_is_off_is_refused_and_disabling_a_needed_feature_is_refused()
    {
        Assert.True((await Features.DisableAsync(SampleDependentModule.ModuleId, Ct)).Succeeded);
        Assert.True((await Features.DisableAsync(SampleModule.ModuleId, Ct)).Succeeded);

        var refused = await Features.EnableAsync(SampleDependentModule.ModuleId, withDependencies: false, Ct);
        Assert.False(refused.Succeeded);
        Assert.Contains("Samples (tests)", refused.Error);

        Assert.True((await Features.EnableAsync(SampleDependentModule.ModuleId, withDependencies: true, Ct)).Succeeded);
        Assert.True(await Features.IsEnabledAsync(SampleModule.ModuleId, Ct));

        var blocked = await Features.DisableAsync(SampleModule.ModuleId, Ct);
        Assert.False(blocked.Succeeded);
        Assert.Contains("needed by", blocked.Error);

        Assert.True((await Features.DisableAsync(SampleDependentModule.ModuleId, Ct)).Succeeded);
        Assert.True(await Features.IsEnabledAsync(SampleModule.ModuleId, Ct));
    }

    [Fact]
    public async Task A_recipe_with_a_bad_step_stops_with_the_step_number_and_reason_and_changes_nothing()
    {
        var recipe = RecipeParser.Parse("""
            {
              "name": "bad",
              "steps": [
                { "name": "users", "users": [ { "email": "recipe-good@tests.local", "firstName": "Good", "lastName": "User", "role": "partner", "password": "Passw0rd1234" } ] },
                { "name": "users", "users": [ { "email": "not-an-email", "firstName": "", "lastName": "X", "role": "pirate" } ] },
                { "name": "no-such-step" }
              ]
            }
            """);

        var error = await Assert.ThrowsAsync<RecipeException>(() => RunAsync(recipe));

        Assert.Contains(error.Errors, e => e.StartsWith("Step 2 (users)", StringComparison.Ordinal) && e.Contains("pirate", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("Step 3 (no-such-step)", StringComparison.Ordinal));
        Assert.False(await App.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "recipe-good@tests.local", Ct)));
    }

    [Fact]
    public async Task A_recipe_that_fails_while_running_rolls_back_every_step()
    {
        // Valid JSON for each step, but the second user's password breaks only when Identity creates it.
        var recipe = RecipeParser.Parse("""
            {
              "name": "half",
              "steps": [
                { "name": "features", "disable": ["CrmPlatform.Tests.SamplesDependent"] },
                { "name": "users", "users": [ { "email": "recipe-first@tests.local", "firstName": "First", "lastName": "User", "role": "lead" } ] },
                { "name": "users", "users": [ { "email": "ADMIN@TESTS.LOCAL", "firstName": "Dup", "lastName": "Admin", "role": "lead", "isActive": true } ] },
                { "name": "roles", "roles": [ { "role": "lead", "permissions": ["Admin.Access"] } ] }
              ]
            }
            """);
        await RunAsync(recipe);
        // The step updated the existing admin in place (matched by email): running it again is idempotent.
        await RunAsync(recipe);
        var users = await App.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "recipe-first@tests.local", Ct));
        Assert.Equal(1, users);
        Assert.True(await App.Services.GetRequiredService<PermissionService>().HasAsync(UserRole.Lead, "Admin.Access", Ct));

        var breaking = RecipeParser.Parse("""
            { "name": "breaking", "steps": [
                { "name": "roles", "roles": [ { "role": "lead", "permissions": [] } ] },
                { "name": "users", "users": [ { "email": "recipe-weak@tests.local", "firstName": "Weak", "lastName": "Password", "role": "lead", "password": "short" } ] }
            ] }
            """);
        await Assert.ThrowsAsync<RecipeException>(() => RunAsync(breaking));
        App.Services.GetRequiredService<PermissionService>().Invalidate();
        Assert.True(await App.Services.GetRequiredService<PermissionService>().HasAsync(UserRole.Lead, "Admin.Access", Ct));
        await RunAsync(RecipeParser.Parse("""{ "name": "restore", "steps": [ { "name": "roles", "roles": [ { "role": "lead", "permissions": [] } ] } ] }"""));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{ \"steps\": [] }")]
    [InlineData("{ \"name\": \"x\" }")]
    [InlineData("{ \"name\": \"x\", \"steps\": [ 42 ] }")]
    public void Malformed_recipes_are_rejected_with_a_reason(string json)
    {
        var error = Assert.Throws<RecipeException>(() => RecipeParser.Parse(json));
        Assert.NotEmpty(error.Errors);
    }

    [Fact]
    public async Task Events_are_delivered_after_commit_and_never_for_a_rolled_back_change()
    {
        var committed = Guid.NewGuid();
        var rolledBack = Guid.NewGuid();
        await App.WithDbAsync(async db =>
        {
            db.Raise(new SamplePinged(committed, 0));
            await db.SaveChangesAsync(Ct);
        });
        await App.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            db.Raise(new SamplePinged(rolledBack, 0));
            await db.SaveChangesAsync(Ct);
            await transaction.RollbackAsync(Ct);
        });

        await App.DrainEventsAsync();

        Assert.Equal(1, SamplePingedHandler.Deliveries.GetValueOrDefault(committed));
        Assert.Equal(0, SamplePingedHandler.Deliveries.GetValueOrDefault(rolledBack));
    }

    [Fact]
    public async Task A_failing_handler_is_retried_with_backoff_and_the_error_is_kept()
    {
        var marker = Guid.NewGuid();
        await App.WithDbAsync(async db =>
        {
            db.Raise(new SamplePinged(marker, 1));
            await db.SaveChangesAsync(Ct);
        });
        await App.DrainEventsAsync();

        var failed = await App.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Payload.Contains(marker.ToString()), Ct));
        Assert.Null(failed.ProcessedAt);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("on purpose", failed.Error);
        Assert.True(failed.NextAttemptAt > DateTime.UtcNow);

        await App.WithDbAsync(db => db.Outbox.Where(m => m.Id == failed.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1)), Ct));
        await App.DrainEventsAsync();

        var delivered = await App.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == failed.Id, Ct));
        Assert.NotNull(delivered.ProcessedAt);
        Assert.Equal(1, SamplePingedHandler.Deliveries.GetValueOrDefault(marker));
    }

    [Fact]
    public async Task A_node_whose_lease_ran_out_mid_delivery_leaves_the_row_to_the_node_that_took_it_over()
    {
        var marker = Guid.NewGuid();
        await App.WithDbAsync(async db =>
        {
            db.Raise(new SamplePinged(marker, 0, TakenOverDuringDelivery: true));
            await db.SaveChangesAsync(Ct);
        });
        var dispatcher = App.Services.GetRequiredService<CrmPlatform.Core.Events.OutboxDispatcher>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!SamplePingedHandler.Deliveries.ContainsKey(marker) && DateTime.UtcNow < deadline)
        {
            await dispatcher.DispatchBatchAsync(Ct);
        }
        Assert.Equal(1, SamplePingedHandler.Deliveries.GetValueOrDefault(marker));

        // This node neither marked the row done nor cleared the other node's lease: the other node delivers it.
        var row = await App.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Payload.Contains(marker.ToString()), Ct));
        Assert.Null(row.ProcessedAt);
        Assert.Equal(SamplePingedHandler.OtherNode, row.LockedBy);
        Assert.NotNull(row.LockedUntil);
        Assert.Equal(0, row.Attempts);

        // The other node finishes it (so no later drain in this class waits on the row).
        await App.WithDbAsync(db => db.Outbox.Where(m => m.Id == row.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAt, DateTime.UtcNow).SetProperty(m => m.LockedBy, (string?)null).SetProperty(m => m.LockedUntil, (DateTime?)null), Ct));
    }

    private async Task RunAsync(Recipe recipe)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RecipeExecutor>().ExecuteAsync(recipe, null, Ct);
    }
}

public sealed class PlatformServicesTestsOnSqlite(SqliteApp app) : PlatformServicesTests(app), IClassFixture<SqliteApp>;

public sealed class PlatformServicesTestsOnPostgres(PostgresApp app) : PlatformServicesTests(app), IClassFixture<PostgresApp>;
