using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Marketing.Data;
using CrmPlatform.Marketing.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CrmPlatform.Marketing.Api;

/// <summary><c>/api/v1/campaigns</c>: campaigns, their messages and timeline, sending and test sends.</summary>
internal static class CampaignsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var campaigns = endpoints.MapGroup("/api/v1/campaigns").WithTags("Campaigns");
        var manage = MarketingPermissions.Manage.Name;
        var send = MarketingPermissions.Send.Name;
        var view = MarketingPermissions.ViewAnalytics.Name;
        campaigns.MapGet("", List).RequireAuthorization(view).WithName("ListCampaigns");
        campaigns.MapGet("/{id:guid}", Get).RequireAuthorization(view).WithName("GetCampaign");
        campaigns.MapPost("", Create).RequireAuthorization(manage).WithName("CreateCampaign");
        campaigns.MapPut("/{id:guid}", Update).RequireAuthorization(manage).WithName("UpdateCampaign");
        campaigns.MapDelete("/{id:guid}", Delete).RequireAuthorization(manage).WithName("DeleteCampaign");
        campaigns.MapGet("/{id:guid}/messages", Messages).RequireAuthorization(view).WithName("ListCampaignMessages");
        campaigns.MapGet("/{id:guid}/timeline", Timeline).RequireAuthorization(view).WithName("GetCampaignTimeline");
        campaigns.MapGet("/{id:guid}/preview", Preview).RequireAuthorization(manage).WithName("PreviewCampaign");
        campaigns.MapPost("/{id:guid}/test-send", TestSend).RequireAuthorization(manage).WithName("TestSendCampaign");
        campaigns.MapPost("/{id:guid}/send", Send).RequireAuthorization(send).WithName("SendCampaign");
        campaigns.MapPost("/{id:guid}/pause", Pause).RequireAuthorization(send).WithName("PauseCampaign");
        campaigns.MapPost("/{id:guid}/resume", Resume).RequireAuthorization(send).WithName("ResumeCampaign");
        campaigns.MapPost("/{id:guid}/cancel", Cancel).RequireAuthorization(send).WithName("CancelCampaign");
        campaigns.MapPost("/{id:guid}/messages/retry-failed", RetryFailed).RequireAuthorization(send).WithName("RetryFailedCampaignMessages");
    }

    public sealed record RetryResult(int Retried);

    private static async Task<Results<Ok<CursorPage<CampaignListItem>>, ValidationProblem>> List(CampaignQueries queries, string? q, string? status, string? cursor, int? limit, CancellationToken ct)
    {
        CampaignStatus? filter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!EnumNames.TryParse<CampaignStatus>(status, out var parsed))
            {
                return ApiResults.Invalid("status", "One of draft, scheduled, running, completed, cancelled.");
            }
            filter = parsed;
        }
        if (q is { Length: > 200 })
        {
            return ApiResults.Invalid("q", "The search can have at most 200 characters.");
        }
        return await queries.ListAsync(q, filter, cursor, limit, ct) is { } page ? TypedResults.Ok(page) : ApiResults.Invalid("cursor", "The cursor is not valid.");
    }

    private static async Task<Results<Ok<CampaignDto>, NotFound>> Get(Guid id, CampaignQueries queries, CancellationToken ct) =>
        await queries.GetAsync(id, ct) is { } campaign ? TypedResults.Ok(campaign) : TypedResults.NotFound();

    private static async Task<Results<Created<CampaignDto>, NotFound, ValidationProblem, ProblemHttpResult>> Create(CampaignInput input, CampaignCommands commands, CancellationToken ct)
    {
        var result = await commands.CreateAsync(input, ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/campaigns/{result.Value!.Id}", result.Value) : Failure(result);
    }

    private static async Task<Results<Ok<CampaignDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(Guid id, CampaignInput input, CampaignCommands commands, CancellationToken ct) =>
        ApiResults.Map(await commands.UpdateAsync(id, input, ct));

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> Delete(Guid id, CampaignCommands commands, CancellationToken ct) =>
        ApiResults.NoContent(await commands.DeleteAsync(id, ct));

    private static async Task<Results<Ok<CursorPage<MessageDto>>, NotFound, ValidationProblem>> Messages(Guid id, CampaignQueries queries, string? status, string? cursor, int? limit, CancellationToken ct)
    {
        MessageStatus? filter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!EnumNames.TryParse<MessageStatus>(status, out var parsed))
            {
                return ApiResults.Invalid("status", "One of pending, sent, delivered, failed, opened, clicked.");
            }
            filter = parsed;
        }
        if (!Cursor.TryDecode<Guid?>(cursor, out _))
        {
            return ApiResults.Invalid("cursor", "The cursor is not valid.");
        }
        return await queries.MessagesAsync(id, filter, cursor, limit, ct) is { } page ? TypedResults.Ok(page) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<CampaignTimeline>, NotFound>> Timeline(Guid id, CampaignQueries queries, CancellationToken ct) =>
        await queries.TimelineAsync(id, ct) is { } timeline ? TypedResults.Ok(timeline) : TypedResults.NotFound();

    private static async Task<Results<Ok<PreviewDto>, NotFound, ValidationProblem, ProblemHttpResult>> Preview(Guid id, Guid? contactId, CampaignPreview preview, CancellationToken ct) =>
        ApiResults.Map(await preview.ForCampaignAsync(id, contactId, ct));

    private static async Task<Results<Ok<PreviewDto>, NotFound, ValidationProblem, ProblemHttpResult>> TestSend(Guid id, TestSendRequest request, CampaignPreview preview, CancellationToken ct) =>
        ApiResults.Map(await preview.TestSendAsync(id, request, ct));

    private static async Task<Results<Ok<CampaignDto>, NotFound, ValidationProblem, ProblemHttpResult>> Send(Guid id, CampaignLauncher launcher, CancellationToken ct) =>
        ApiResults.Map(await launcher.SendAsync(id, ct));

    private static async Task<Results<Ok<CampaignDto>, NotFound, ValidationProblem, ProblemHttpResult>> Pause(Guid id, CampaignLauncher launcher, CancellationToken ct) =>
        ApiResults.Map(await launcher.PauseAsync(id, ct));

    private static async Task<Results<Ok<CampaignDto>, NotFound, ValidationProblem, ProblemHttpResult>> Resume(Guid id, CampaignLauncher launcher, CancellationToken ct) =>
        ApiResults.Map(await launcher.ResumeAsync(id, ct));

    private static async Task<Results<Ok<CampaignDto>, NotFound, ValidationProblem, ProblemHttpResult>> Cancel(Guid id, CampaignLauncher launcher, CancellationToken ct) =>
        ApiResults.Map(await launcher.CancelAsync(id, ct));

    private static async Task<Results<Ok<RetryResult>, NotFound, ValidationProblem, ProblemHttpResult>> RetryFailed(Guid id, CampaignLauncher launcher, CancellationToken ct)
    {
        var result = await launcher.RetryFailedAsync(id, ct);
        return result.Succeeded ? TypedResults.Ok(new RetryResult(result.Value)) : Failure(result);
    }

    private static Results<Created<CampaignDto>, NotFound, ValidationProblem, ProblemHttpResult> Failure(Result<CampaignDto> result) => result.Kind switch
    {
        ResultKind.NotFound => TypedResults.NotFound(),
        ResultKind.Conflict => TypedResults.Problem(title: "The change was refused.", detail: string.Join(" ", result.Errors.SelectMany(e => e.Value)), statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.ValidationProblem(result.Errors.ToDictionary(), title: "The request is not valid."),
    };

    private static Results<Ok<RetryResult>, NotFound, ValidationProblem, ProblemHttpResult> Failure(Result<int> result) => result.Kind switch
    {
        ResultKind.NotFound => TypedResults.NotFound(),
        ResultKind.Conflict => TypedResults.Problem(title: "The change was refused.", detail: string.Join(" ", result.Errors.SelectMany(e => e.Value)), statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.ValidationProblem(result.Errors.ToDictionary(), title: "The request is not valid."),
    };
}
