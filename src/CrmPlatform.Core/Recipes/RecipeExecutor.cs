using CrmPlatform.Core.Data;
using CrmPlatform.Core.Features;
using CrmPlatform.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Core.Recipes;

/// <summary>
/// Runs a recipe all-or-nothing: every step is validated first (an unknown step or a bad value stops the
/// recipe with the step number and reason), then all steps run in one transaction.
/// </summary>
public sealed class RecipeExecutor(IEnumerable<IRecipeStepHandler> handlers, IServiceProvider services, IFeatureManager features, PermissionService permissions, ILogger<RecipeExecutor> logger)
{
    public async Task ExecuteAsync(Recipe recipe, Guid? adminUserId = null, CancellationToken ct = default)
    {
        var byName = handlers.ToDictionary(h => h.StepName, StringComparer.OrdinalIgnoreCase);
        var db = services.GetRequiredService<CrmDbContext>();
        db.ActingUserId ??= adminUserId;
        var context = new RecipeContext(db, services) { AdminUserId = adminUserId };
        var errors = new List<string>();
        foreach (var step in recipe.Steps)
        {
            if (!byName.TryGetValue(step.Name, out var handler))
            {
                errors.Add($"Step {step.Index} ({step.Name}): there is no step handler named '{step.Name}' (is its feature's module included?).");
                continue;
            }
            var stepErrors = new List<string>();
            await handler.ValidateAsync(step, context, stepErrors, ct);
            errors.AddRange(stepErrors.Select(e => $"Step {step.Index} ({step.Name}): {e}"));
        }
        if (errors.Count > 0)
        {
            throw new RecipeException(errors);
        }

        // Join the caller's transaction (setup) or run in our own.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        foreach (var step in recipe.Steps)
        {
            try
            {
                await byName[step.Name].ExecuteAsync(step, context, ct);
                await db.SaveChangesAsync(ct);
            }
            catch (RecipeException ex)
            {
                db.ChangeTracker.Clear();
                throw new RecipeException([.. ex.Errors.Select(e => $"Step {step.Index} ({step.Name}): {e}")]);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                db.ChangeTracker.Clear();
                logger.LogError(ex, "Recipe {Recipe} failed at step {Index} ({Step}).", recipe.Name, step.Index, step.Name);
                throw new RecipeException([$"Step {step.Index} ({step.Name}): {ex.GetBaseException().Message}"]);
            }
        }
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
        features.Invalidate();
        permissions.Invalidate();
        logger.LogInformation("Recipe {Recipe} ran ({Count} steps).", recipe.Name, recipe.Steps.Count);
    }
}
