using System.Security.Claims;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Hosting;
using CrmPlatform.Core.Security;
using CrmPlatform.Questionnaires.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace CrmPlatform.Questionnaires.Api;

/// <summary>
/// <c>/api/v1/public/questionnaires/{slug}</c>: anonymous, rate limited per client. The form's questions and the submit
/// endpoint, which runs the same use case (and validation) as the public page.
/// </summary>
internal static class PublicQuestionnairesApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/public/questionnaires").WithTags("Public questionnaires")
            .AllowAnonymous().RequireRateLimiting(CrmServiceCollectionExtensions.PublicFormsRateLimit);
        api.MapGet("/{slug}", GetForm).WithName("GetPublicQuestionnaire");
        api.MapPost("/{slug}/responses", Submit).WithName("SubmitPublicQuestionnaire");
    }

    public sealed record PublicOption(Guid Id, string Text);

    public sealed record PublicQuestion(Guid Id, string Question, string Type, bool IsRequired, string? HelpText, IReadOnlyList<PublicOption> Options);

    public sealed record PublicForm(string Title, string? Description, int RatingMin, int RatingMax, IReadOnlyList<PublicQuestion> Questions);

    public sealed record Receipt(Guid Id, Guid ContactId);

    private static async Task<Results<Ok<PublicForm>, NotFound>> GetForm(string slug, ClaimsPrincipal user, QuestionnaireDefinitions definitions, CrmDbContext db, CancellationToken ct)
    {
        var d = await definitions.BySlugAsync(db, slug, ct);
        if (d is null || !SubmitResponse.IsOffered(d, ToSubmitter(user)))
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(new PublicForm(d.Title, d.Description, d.RatingMin, d.RatingMax,
            [.. d.Questions.Select(q => new PublicQuestion(q.Id, q.Text, EnumNames.ToSnake(q.Type), q.IsRequired, q.HelpText, [.. q.Options.Select(o => new PublicOption(o.Id, o.Text))]))]));
    }

    private static async Task<Results<Created<Receipt>, Ok<Receipt>, NotFound, ValidationProblem, ProblemHttpResult>> Submit(
        string slug, SubmitResponseRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, SubmitResponse submit, CancellationToken ct)
    {
        if (request.SubmissionKey is null && !string.IsNullOrWhiteSpace(idempotencyKey))
        {
            request = request with { SubmissionKey = idempotencyKey };
        }
        var result = await submit.HandleAsync(slug, request, ToSubmitter(user), ct);
        if (result.Succeeded)
        {
            var receipt = new Receipt(result.Value!.ResponseId, result.Value.ContactId);
            return result.Value.Duplicate ? TypedResults.Ok(receipt) : TypedResults.Created($"/api/v1/questionnaires/responses/{receipt.Id}", receipt);
        }
        return result.Kind switch
        {
            ResultKind.NotFound => TypedResults.NotFound(),
            ResultKind.Conflict => TypedResults.Problem(title: "The submission was refused.", detail: string.Join(" ", result.Errors.SelectMany(e => e.Value)), statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.ValidationProblem(result.Errors.ToDictionary(), title: "The answers are not valid; nothing was saved."),
        };
    }

    internal static Submitter ToSubmitter(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return new Submitter(null, false, null, null);
        }
        var isLead = user.FindFirstValue(CrmClaims.Role) == "lead";
        Guid? id = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var parsed) ? parsed : null;
        return new Submitter(id, isLead, user.FindFirstValue(ClaimTypes.Email), user.FindFirstValue(CrmClaims.FullName));
    }
}
