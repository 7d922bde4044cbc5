using System.Text.Json;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Workflows;
using CrmPlatform.Workflows.Activities;
using CrmPlatform.Workflows.Data;
using CrmPlatform.Workflows.Engine;
using CrmPlatform.Workflows.Model;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Workflows.Features;

public sealed record WorkflowTypeSummary(Guid Id, string Name, string? Description, bool Enabled, string StartEvent, IReadOnlyDictionary<string, int> InstanceCounts, DateTime UpdatedAt);

public sealed record WorkflowTypeDto(Guid Id, string Name, string? Description, bool Enabled, string StartEvent, WorkflowGraph Graph, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>Lists, saves (validated), enables, exports and imports workflow types. Screens, API and the recipe step share it.</summary>
internal sealed class WorkflowTypes(CrmDbContext db, GraphValidator validator, ActivityLibrary library, Engine.StartTypeCache startTypes, TimeProvider clock)
{
    public async Task<IReadOnlyList<WorkflowTypeSummary>> ListAsync(CancellationToken ct)
    {
        var types = await db.Set<WorkflowType>().AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        var counts = await db.Set<WorkflowInstance>().AsNoTracking()
            .GroupBy(i => new { i.WorkflowTypeId, i.Status })
            .Select(g => new { g.Key.WorkflowTypeId, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        return [.. types.Select(t => new WorkflowTypeSummary(t.Id, t.Name, t.Description, t.Enabled, t.StartEvent,
            counts.Where(c => c.WorkflowTypeId == t.Id).ToDictionary(c => Core.Data.EnumNames.ToSnake(c.Status.ToString()), c => c.Count), t.UpdatedAt))];
    }

    public async Task<WorkflowTypeDto?> GetAsync(Guid id, CancellationToken ct) =>
        await db.Set<WorkflowType>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) is { } type ? ToDto(type) : null;

    public async Task<WorkflowDefinition?> ExportAsync(Guid id, CancellationToken ct) =>
        await GetAsync(id, ct) is { } dto ? new WorkflowDefinition { Name = dto.Name, Description = dto.Description, Enabled = dto.Enabled, Graph = dto.Graph } : null;

    /// <summary>Validates and stores a definition: a new type when <paramref name="id"/> is null, else an update.</summary>
    public async Task<Result<WorkflowTypeDto>> SaveAsync(Guid? id, WorkflowDefinition definition, CancellationToken ct)
    {
        var errors = await ValidateAsync(definition, id, ct);
        if (errors.Count > 0)
        {
            return Result<WorkflowTypeDto>.Invalid(errors);
        }
        WorkflowType? type;
        if (id is null)
        {
            type = new WorkflowType();
            db.Set<WorkflowType>().Add(type);
        }
        else if ((type = await db.Set<WorkflowType>().FirstOrDefaultAsync(t => t.Id == id, ct)) is null)
        {
            return Result<WorkflowTypeDto>.NotFound();
        }
        Apply(type, definition);
        await db.SaveChangesAsync(ct);
        startTypes.Invalidate();
        return Result<WorkflowTypeDto>.Ok(ToDto(type));
    }

    /// <summary>Creates or replaces the type with the definition's name (import and the recipe step are idempotent by name).</summary>
    public async Task<Result<WorkflowTypeDto>> ImportAsync(WorkflowDefinition definition, CancellationToken ct)
    {
        var existing = await db.Set<WorkflowType>().AsNoTracking().Where(t => t.Name == (definition.Name ?? "").Trim()).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
        return await SaveAsync(existing, definition, ct);
    }

    public async Task<Dictionary<string, string[]>> ValidateAsync(WorkflowDefinition definition, Guid? id, CancellationToken ct)
    {
        // JSON can say "graph": null even though the property defaults to an empty graph.
        var errors = definition.Graph is null
            ? new Dictionary<string, string[]>(StringComparer.Ordinal) { ["graph"] = ["A graph with at least a start event is required."] }
            : (await validator.ValidateAsync(definition.Graph, ct)).ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        var name = definition.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            errors["name"] = ["A name of 1 to 200 characters is required."];
        }
        else if (await db.Set<WorkflowType>().AnyAsync(t => t.Name == name && t.Id != id, ct))
        {
            errors["name"] = [$"Another workflow is already named '{name}'."];
        }
        if (definition.Description?.Length > 2000)
        {
            errors["description"] = ["The description is at most 2000 characters."];
        }
        return errors;
    }

    public async Task<Result<WorkflowTypeDto>> SetEnabledAsync(Guid id, bool enabled, CancellationToken ct)
    {
        var type = await db.Set<WorkflowType>().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (type is null)
        {
            return Result<WorkflowTypeDto>.NotFound();
        }
        type.Enabled = enabled;
        type.NextRunAt = enabled ? WorkflowTimerWorker.NextRun(type, clock.GetUtcNow().UtcDateTime) : null;
        await db.SaveChangesAsync(ct);
        startTypes.Invalidate();
        return Result<WorkflowTypeDto>.Ok(ToDto(type));
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        var deleted = await db.Set<WorkflowType>().Where(t => t.Id == id).ExecuteDeleteAsync(ct) > 0;
        startTypes.Invalidate();
        return deleted;
    }

    private void Apply(WorkflowType type, WorkflowDefinition definition)
    {
        type.Name = definition.Name.Trim();
        type.Description = string.IsNullOrWhiteSpace(definition.Description) ? null : definition.Description.Trim();
        type.Enabled = definition.Enabled;
        type.Graph = definition.Graph.ToJson();
        type.StartEvent = definition.Graph.Activities.Select(a => library.Find(a.Type)).FirstOrDefault(d => d?.Kind == ActivityKind.Event)?.Name ?? "";
        type.NextRunAt = type.Enabled ? WorkflowTimerWorker.NextRun(type, clock.GetUtcNow().UtcDateTime) : null;
    }

    private static WorkflowTypeDto ToDto(WorkflowType t) => new(t.Id, t.Name, t.Description, t.Enabled, t.StartEvent, WorkflowGraph.Parse(t.Graph), t.CreatedAt, t.UpdatedAt);

    private static readonly JsonSerializerOptions Indented = new(WorkflowGraph.Json) { WriteIndented = true };

    public static string ToExportJson(WorkflowDefinition definition) => JsonSerializer.Serialize(definition, Indented);

    /// <summary>Reads an uploaded or posted definition; a JSON error becomes a field error.</summary>
    public static Result<WorkflowDefinition> Parse(string json)
    {
        try
        {
            var definition = JsonSerializer.Deserialize<WorkflowDefinition>(json, WorkflowGraph.Json);
            return definition is null ? Result<WorkflowDefinition>.Invalid("json", "The file is empty.") : Result<WorkflowDefinition>.Ok(definition);
        }
        catch (JsonException ex)
        {
            return Result<WorkflowDefinition>.Invalid("json", $"Not a workflow definition: {ex.Message}");
        }
    }
}
