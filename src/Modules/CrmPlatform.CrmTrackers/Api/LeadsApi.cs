using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.CrmTrackers.Features;
using CrmPlatform.Core.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace CrmPlatform.CrmTrackers.Api;

/// <summary><c>/api/v1/leads</c>: list with filters and cursor, CRUD, status, assignment, history, notes, CSV export.</summary>
internal static class LeadsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var leads = endpoints.MapGroup("/api/v1/leads").WithTags("Leads");
        leads.MapGet("", Search).RequireAuthorization(CrmTrackersPermissions.View.Name).WithName("ListLeads");
        leads.MapGet("/export", Export).RequireAuthorization(CrmTrackersPermissions.Export.Name).WithName("ExportLeads");
        leads.MapGet("/{id:guid}", Get).RequireAuthorization(CrmTrackersPermissions.View.Name).WithName("GetLead");
        leads.MapPost("", Create).RequireAuthorization(CrmTrackersPermissions.Create.Name).WithName("CreateLead");
        leads.MapPut("/{id:guid}", Update).RequireAuthorization(CrmTrackersPermissions.Edit.Name).WithName("UpdateLead");
        leads.MapDelete("/{id:guid}", Delete).RequireAuthorization(CrmTrackersPermissions.Delete.Name).WithName("DeleteLead");
        leads.MapPost("/{id:guid}/restore", Restore).RequireAuthorization(CrmTrackersPermissions.Delete.Name).WithName("RestoreLead");
        leads.MapPost("/{id:guid}/status", ChangeStatus).RequireAuthorization(CrmTrackersPermissions.Edit.Name).WithName("ChangeLeadStatus");
        leads.MapPost("/{id:guid}/assign", Assign).RequireAuthorization(CrmTrackersPermissions.Assign.Name).WithName("AssignLead");
        leads.MapGet("/{id:guid}/history", History).RequireAuthorization(CrmTrackersPermissions.View.Name).WithName("GetLeadStatusHistory");

        var notes = leads.MapGroup("/{id:guid}/notes");
        notes.MapGet("", ListNotes).RequireAuthorization(CrmTrackersPermissions.View.Name).WithName("ListLeadNotes");
        notes.MapPost("", AddNote).RequireAuthorization(CrmTrackersPermissions.Edit.Name).WithName("AddLeadNote");
        notes.MapPut("/{noteId:guid}", UpdateNote).RequireAuthorization(CrmTrackersPermissions.Edit.Name).WithName("UpdateLeadNote");
        notes.MapDelete("/{noteId:guid}", DeleteNote).RequireAuthorization(CrmTrackersPermissions.Edit.Name).WithName("DeleteLeadNote");
    }

    public sealed record StatusRequest(string? Status);

    public sealed record AssignRequest(Guid? AssignedToId);

    public sealed record StatusResponse(Guid Id, LeadStatus Status);

    public sealed record AssignResponse(Guid Id, Guid? AssignedToId);

    private static async Task<Results<Ok<CursorPage<LeadDto>>, NotFound, ValidationProblem, ProblemHttpResult>> Search([AsParameters] LeadFilter filter, LeadSearch search, CancellationToken ct) =>
        ApiResults.From(await search.SearchAsync(filter, ct));

    private static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem, ProblemHttpResult>> Export([AsParameters] LeadFilter filter, LeadExport export, CancellationToken ct)
    {
        var result = await export.ExportAsync(filter, ct);
        return result.Succeeded
            ? TypedResults.File(result.Value!, "text/csv; charset=utf-8", "leads.csv")
            : ApiResults.Failure<FileContentHttpResult, byte[]>(result);
    }

    private static async Task<Results<Ok<LeadDto>, NotFound>> Get(Guid id, LeadDetailsQuery query, CancellationToken ct) =>
        await query.GetAsync(id, ct) is { } lead ? TypedResults.Ok(lead) : TypedResults.NotFound();

    private static async Task<Results<Created<LeadDto>, NotFound, ValidationProblem, ProblemHttpResult>> Create(LeadInput input, LeadWriter writer, LeadDetailsQuery query, CancellationToken ct)
    {
        var result = await writer.CreateAsync(input, ct);
        if (!result.Succeeded)
        {
            return ApiResults.Failure<Created<LeadDto>, Guid>(result);
        }
        // The creator may not see the lead afterwards (assigned to someone else without Leads.ViewAll): answer what was made.
        var lead = await query.GetAsync(result.Value, ct);
        return TypedResults.Created($"/api/v1/leads/{result.Value}", lead);
    }

    private static async Task<Results<Ok<LeadDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(Guid id, LeadInput input, LeadWriter writer, LeadDetailsQuery query, CancellationToken ct)
    {
        var result = await writer.UpdateAsync(id, input, ct);
        return result.Succeeded && await query.GetAsync(id, ct) is { } lead ? TypedResults.Ok(lead) : ApiResults.Failure<Ok<LeadDto>, Guid>(result);
    }

    private static async Task<Results<NoContent, NotFound>> Delete(Guid id, LeadActions actions, CancellationToken ct) =>
        await actions.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> Restore(Guid id, LeadActions actions, CancellationToken ct) =>
        await actions.RestoreAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<StatusResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeStatus(Guid id, StatusRequest request, LeadActions actions, CancellationToken ct)
    {
        var result = await actions.ChangeStatusAsync(id, request.Status, ct);
        return result.Succeeded ? TypedResults.Ok(new StatusResponse(id, result.Value)) : ApiResults.Failure<Ok<StatusResponse>, LeadStatus>(result);
    }

    private static async Task<Results<Ok<AssignResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Assign(Guid id, AssignRequest request, LeadActions actions, CancellationToken ct)
    {
        var result = await actions.AssignAsync(id, request.AssignedToId, ct);
        return result.Succeeded ? TypedResults.Ok(new AssignResponse(id, result.Value)) : ApiResults.Failure<Ok<AssignResponse>, Guid?>(result);
    }

    private static async Task<Results<Ok<IReadOnlyList<StatusChangeDto>>, NotFound>> History(Guid id, LeadDetailsQuery query, CancellationToken ct) =>
        await query.GetAsync(id, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await query.HistoryAsync(id, ct));

    private static async Task<Results<Ok<IReadOnlyList<LeadNoteDto>>, NotFound>> ListNotes(Guid id, LeadNotes notes, CancellationToken ct) =>
        await notes.ListAsync(id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<Results<Created<LeadNoteDto>, NotFound, ValidationProblem, ProblemHttpResult>> AddNote(Guid id, LeadNoteInput input, LeadNotes notes, CancellationToken ct)
    {
        var result = await notes.AddAsync(id, input, ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/leads/{id}/notes/{result.Value!.Id}", result.Value) : ApiResults.Failure(result);
    }

    private static async Task<Results<Ok<LeadNoteDto>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateNote(Guid id, Guid noteId, LeadNoteInput input, LeadNotes notes, CancellationToken ct) =>
        ApiResults.From(await notes.UpdateAsync(id, noteId, input, ct));

    private static async Task<Results<NoContent, NotFound>> DeleteNote(Guid id, Guid noteId, LeadNotes notes, CancellationToken ct) =>
        await notes.DeleteAsync(id, noteId, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
