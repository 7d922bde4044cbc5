using System.Text.Json.Nodes;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Workflows;
using CrmPlatform.Workflows.Activities;
using CrmPlatform.Workflows.Features;
using CrmPlatform.Workflows.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace CrmPlatform.Workflows.Api;

/// <summary><c>/api/v1/workflows</c>: types (CRUD, enable, export, import, trigger), instances (list, get, retry, cancel) and the activity catalogue.</summary>
internal static class WorkflowsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/workflows").WithTags("Workflows");
        var manage = api.MapGroup("").RequireAuthorization(WorkflowsPermissions.Manage.Name);
        manage.MapGet("", List).WithName("ListWorkflows");
        manage.MapPost("", Create).WithName("CreateWorkflow");
        manage.MapGet("/activities", Activities).WithName("ListWorkflowActivities");
        manage.MapPost("/import", Import).WithName("ImportWorkflow");
        manage.MapGet("/{id:guid}", Get).WithName("GetWorkflow");
        manage.MapPut("/{id:guid}", Update).WithName("UpdateWorkflow");
        manage.MapDelete("/{id:guid}", Delete).WithName("DeleteWorkflow");
        manage.MapPost("/{id:guid}/enable", (Guid id, WorkflowTypes types, CancellationToken ct) => SetEnabled(id, true, types, ct)).WithName("EnableWorkflow");
        manage.MapPost("/{id:guid}/disable", (Guid id, WorkflowTypes types, CancellationToken ct) => SetEnabled(id, false, types, ct)).WithName("DisableWorkflow");
        manage.MapGet("/{id:guid}/export", Export).WithName("ExportWorkflow");
        manage.MapPost("/{id:guid}/trigger", Trigger).WithName("TriggerWorkflow");
        manage.MapPost("/instances/{id:guid}/retry", Retry).WithName("RetryWorkflowInstance");
        manage.MapPost("/instances/{id:guid}/cancel", Cancel).WithName("CancelWorkflowInstance");

        var view = api.MapGroup("/instances").RequireAuthorization(WorkflowsPermissions.ViewInstances.Name);
        view.MapGet("", Instances).WithName("ListWorkflowInstances");
        view.MapGet("/{id:guid}", Instance).WithName("GetWorkflowInstance");
    }

    public sealed record TriggerRequest(JsonObject? Variables);

    private static async Task<Ok<IReadOnlyList<WorkflowTypeSummary>>> List(WorkflowTypes types, CancellationToken ct) =>
        TypedResults.Ok(await types.ListAsync(ct));

    private static async Task<Ok<IReadOnlyList<ActivityDescriptor>>> Activities(ActivityLibrary library, CancellationToken ct) =>
        TypedResults.Ok(await library.AvailableAsync(ct));

    private static async Task<Results<Ok<WorkflowTypeDto>, NotFound>> Get(Guid id, WorkflowTypes types, CancellationToken ct) =>
        await types.GetAsync(id, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound();

    private static async Task<Results<Ok<WorkflowDefinition>, NotFound>> Export(Guid id, WorkflowTypes types, CancellationToken ct) =>
        await types.ExportAsync(id, ct) is { } definition ? TypedResults.Ok(definition) : TypedResults.NotFound();

    private static async Task<IResult> Create(WorkflowDefinition definition, WorkflowTypes types, CancellationToken ct) =>
        ToResult(await types.SaveAsync(null, definition, ct), created: true);

    private static async Task<IResult> Update(Guid id, WorkflowDefinition definition, WorkflowTypes types, CancellationToken ct) =>
        ToResult(await types.SaveAsync(id, definition, ct));

    private static async Task<IResult> Import(WorkflowDefinition definition, WorkflowTypes types, CancellationToken ct) =>
        ToResult(await types.ImportAsync(definition, ct));

    private static async Task<Results<NoContent, NotFound>> Delete(Guid id, WorkflowTypes types, CancellationToken ct) =>
        await types.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<IResult> SetEnabled(Guid id, bool enabled, WorkflowTypes types, CancellationToken ct) =>
        ToResult(await types.SetEnabledAsync(id, enabled, ct));

    private static async Task<IResult> Trigger(Guid id, [FromBody] TriggerRequest? request, WorkflowInstances instances, CancellationToken ct) =>
        ToResult(await instances.TriggerAsync(id, request?.Variables, ct));

    private static async Task<IResult> Retry(Guid id, WorkflowInstances instances, CancellationToken ct) =>
        ToResult(await instances.RetryAsync(id, ct));

    private static async Task<IResult> Cancel(Guid id, WorkflowInstances instances, CancellationToken ct) =>
        ToResult(await instances.CancelAsync(id, ct));

    private static async Task<IResult> Instances([AsParameters] InstanceQuery query, WorkflowInstances instances, CancellationToken ct) =>
        ToResult(await instances.SearchAsync(query.ToFilter(), ct));

    private static async Task<Results<Ok<InstanceDetails>, NotFound>> Instance(Guid id, WorkflowInstances instances, CancellationToken ct) =>
        await instances.GetAsync(id, ct) is { } details ? TypedResults.Ok(details) : TypedResults.NotFound();

    internal sealed record InstanceQuery(Guid? Type, string? Status, string? Correlation, DateTime? From, DateTime? To, string? Cursor, int? Limit)
    {
        public InstanceFilter ToFilter() => new() { Type = Type, Status = Status, Correlation = Correlation, From = From, To = To, Cursor = Cursor, Limit = Limit };
    }

    /// <summary>Typed use-case results as HTTP answers; every error is an RFC 9457 problem.</summary>
    private static IResult ToResult<T>(Result<T> result, bool created = false) => result.Kind switch
    {
        ResultKind.Ok when created && result.Value is WorkflowTypeDto dto => TypedResults.Created($"/api/v1/workflows/{dto.Id}", dto),
        ResultKind.Ok => TypedResults.Ok(result.Value),
        ResultKind.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found."),
        ResultKind.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The request conflicts with the current state.", detail: string.Join(" ", result.Errors.SelectMany(e => e.Value))),
        _ => TypedResults.ValidationProblem(result.Errors.ToDictionary(), title: "The workflow request is not valid."),
    };
}
