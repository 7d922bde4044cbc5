using System.Text.Json;
using CrmPlatform.Core.Data;

namespace CrmPlatform.Core.Recipes;

/// <summary>A recipe file: a name, a description, and ordered steps that each name their handler.</summary>
public sealed record Recipe(string Name, string? Description, IReadOnlyList<RecipeStep> Steps);

/// <summary>One step; <see cref="Index"/> is 1-based, as error messages show it.</summary>
public sealed record RecipeStep(int Index, string Name, JsonElement Data);

/// <summary>Handles one kind of recipe step. Steps must be idempotent: running a recipe twice changes nothing the second time.</summary>
public interface IRecipeStepHandler
{
    string StepName { get; }

    /// <summary>Checks the step without writing; each problem is added to <paramref name="errors"/>.</summary>
    Task ValidateAsync(RecipeStep step, RecipeContext context, List<string> errors, CancellationToken ct);

    /// <summary>Applies the step through <see cref="RecipeContext.Db"/>; the executor saves and commits.</summary>
    Task ExecuteAsync(RecipeStep step, RecipeContext context, CancellationToken ct);
}

/// <summary>What steps share: the context whose transaction the whole recipe runs in, and the admin running it.</summary>
public sealed class RecipeContext(CrmDbContext db, IServiceProvider services)
{
    public CrmDbContext Db { get; } = db;
    public IServiceProvider Services { get; } = services;

    /// <summary>Values later steps may read (e.g. the admin user's id for <c>createdById</c>).</summary>
    public Dictionary<string, object> Properties { get; } = [];

    public Guid? AdminUserId { get; set; }
}

public sealed class RecipeException(IReadOnlyList<string> errors) : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
