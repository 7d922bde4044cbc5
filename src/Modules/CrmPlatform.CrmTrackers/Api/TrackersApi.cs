using CrmPlatform.CrmTrackers.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CrmPlatform.CrmTrackers.Api;

/// <summary><c>/api/v1/trackers</c>: trackers, their custom fields (with reorder) and the report.</summary>
internal static class TrackersApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var trackers = endpoints.MapGroup("/api/v1/trackers").WithTags("Trackers");
        var manage = CrmTrackersPermissions.ManageTrackers.Name;
        var view = CrmTrackersPermissions.View.Name;
        trackers.MapGet("", List).RequireAuthorization(view).WithName("ListTrackers");
        trackers.MapGet("/{id:guid}", Get).RequireAuthorization(view).WithName("GetTracker");
        trackers.MapPost("", Create).RequireAuthorization(manage).WithName("CreateTracker");
        trackers.MapPut("/{id:guid}", Update).RequireAuthorization(manage).WithName("UpdateTracker");
        trackers.MapDelete("/{id:guid}", Delete).RequireAuthorization(manage).WithName("DeleteTracker");
        trackers.MapPost("/{id:guid}/activate", Activate).RequireAuthorization(manage).WithName("ActivateTracker");
        trackers.MapPost("/{id:guid}/deactivate", Deactivate).RequireAuthorization(manage).WithName("DeactivateTracker");
        trackers.MapGet("/{id:guid}/report", Report).RequireAuthorization(view).WithName("GetTrackerReport");

        trackers.MapGet("/{id:guid}/fields", ListFields).RequireAuthorization(view).WithName("ListTrackerFields");
        trackers.MapPost("/{id:guid}/fields", CreateField).RequireAuthorization(manage).WithName("CreateTrackerField");
        trackers.MapPut("/{id:guid}/fields/{fieldId:guid}", UpdateField).RequireAuthorization(manage).WithName("UpdateTrackerField");
        trackers.MapDelete("/{id:guid}/fields/{fieldId:guid}", DeleteField).RequireAuthorization(manage).WithName("DeleteTrackerField");
        trackers.MapPost("/{id:guid}/fields/reorder", ReorderFields).RequireAuthorization(manage).WithName("ReorderTrackerFields");
    }

    public sealed record ReorderRequest(IReadOnlyList<Guid>? FieldIds);

    private static async Task<Ok<IReadOnlyList<TrackerDto>>> List(Trackers trackers, bool? activeOnly, CancellationToken ct) =>
        TypedResults.Ok(await trackers.ListAsync(activeOnly ?? false, ct));

    private static async Task<Results<Ok<TrackerDto>, NotFound>> Get(Guid id, Trackers trackers, CancellationToken ct) =>
        await trackers.GetAsync(id, ct) is { } tracker ? TypedResults.Ok(tracker) : TypedResults.NotFound();

    private static async Task<Results<Created<TrackerDto>, NotFound, ValidationProblem, ProblemHttpResult>> Create(TrackerInput input, Trackers trackers, CancellationToken ct)
    {
        var result = await trackers.CreateAsync(input, ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/trackers/{result.Value!.Id}", result.Value) : ApiResults.Failure(result);
    }

    private static async Task<Results<Ok<TrackerDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(Guid id, TrackerInput input, Trackers trackers, CancellationToken ct) =>
        ApiResults.From(await trackers.UpdateAsync(id, input, ct));

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> Delete(Guid id, Trackers trackers, CancellationToken ct)
    {
        var result = await trackers.DeleteAsync(id, ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiResults.Failure(result);
    }

    private static async Task<Results<Ok<TrackerDto>, NotFound, ValidationProblem, ProblemHttpResult>> Activate(Guid id, Trackers trackers, CancellationToken ct) =>
        ApiResults.From(await trackers.SetActiveAsync(id, true, ct));

    private static async Task<Results<Ok<TrackerDto>, NotFound, ValidationProblem, ProblemHttpResult>> Deactivate(Guid id, Trackers trackers, CancellationToken ct) =>
        ApiResults.From(await trackers.SetActiveAsync(id, false, ct));

    private static async Task<Results<Ok<TrackerReport>, NotFound>> Report(Guid id, Reports reports, CancellationToken ct) =>
        await reports.GetAsync(id, ct) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<FieldDto>>, NotFound>> ListFields(Guid id, Fields fields, CancellationToken ct) =>
        await fields.ListAsync(id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<Results<Created<FieldDto>, NotFound, ValidationProblem, ProblemHttpResult>> CreateField(Guid id, FieldInput input, Fields fields, CancellationToken ct)
    {
        var result = await fields.CreateAsync(id, input, ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/trackers/{id}/fields/{result.Value!.Id}", result.Value) : ApiResults.Failure(result);
    }

    private static async Task<Results<Ok<FieldDto>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateField(Guid id, Guid fieldId, FieldInput input, Fields fields, CancellationToken ct) =>
        ApiResults.From(await fields.UpdateAsync(id, fieldId, input, ct));

    private static async Task<Results<NoContent, NotFound>> DeleteField(Guid id, Guid fieldId, Fields fields, CancellationToken ct) =>
        await fields.DeleteAsync(id, fieldId, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<FieldDto>>, NotFound, ValidationProblem, ProblemHttpResult>> ReorderFields(Guid id, ReorderRequest request, Fields fields, CancellationToken ct) =>
        ApiResults.From(await fields.ReorderAsync(id, request.FieldIds, ct));
}
