using System.Security.Claims;
using CrmPlatform.Assessments.Features;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Hosting;
using CrmPlatform.Core.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace CrmPlatform.Assessments.Api;

/// <summary>
/// <c>/api/v1/public/assessments/{slug}</c>: anonymous, rate limited per client. The form's questions (without points or
/// correct answers) and the submit endpoint, which runs the same use case as the public page.
/// </summary>
internal static class PublicAssessmentsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/public/assessments").WithTags("Public assessments")
            .AllowAnonymous().RequireRateLimiting(CrmServiceCollectionExtensions.PublicFormsRateLimit);
        api.MapGet("/{slug}", GetForm).WithName("GetPublicAssessment");
        api.MapPost("/{slug}/responses", Submit).WithName("SubmitPublicAssessment");
    }

    public sealed record PublicOption(Guid Id, string Text);

    public sealed record PublicQuestion(Guid Id, string Question, string Type, IReadOnlyList<PublicOption> Options);

    /// <summary>The result as the taker may see it: the parts the assessment hides are null.</summary>
    public sealed record PublicResult(Guid Id, Guid ContactId, int? TotalScore, int? MaxScore, decimal? Percentage, string? Ranking, string? PersonalityType, string? Traits, bool PendingGrading);

    public sealed record PublicForm(string Title, string? Description, bool AskPhone, int RatingMin, int RatingMax, IReadOnlyList<PublicQuestion> Questions);

    private static async Task<Results<Ok<PublicForm>, NotFound>> GetForm(string slug, ClaimsPrincipal user, AssessmentDefinitions definitions, CrmDbContext db, CancellationToken ct)
    {
        var definition = await definitions.BySlugAsync(db, slug, ct);
        if (definition is null || !SubmitResponse.IsOffered(definition, ToSubmitter(user)))
        {
            return TypedResults.NotFound();
        }
        var scale = definition.Logic.QuestionTypes.RatingScale;
        return TypedResults.Ok(new PublicForm(definition.Title, definition.Description, definition.AskPhone, scale.Min, scale.Max,
            [.. definition.Questions.Select(q => new PublicQuestion(q.Id, q.Text, CrmPlatform.Core.Data.EnumNames.ToSnake(q.Type), [.. q.Options.Select(o => new PublicOption(o.Id, o.Text))]))]));
    }

    private static async Task<Results<Created<PublicResult>, Ok<PublicResult>, NotFound, ValidationProblem, ProblemHttpResult>> Submit(
        string slug, SubmitResponseRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user,
        SubmitResponse submit, AssessmentDefinitions definitions, CrmDbContext db, CancellationToken ct)
    {
        if (request.SubmissionKey is null && !string.IsNullOrWhiteSpace(idempotencyKey))
        {
            request = request with { SubmissionKey = idempotencyKey };
        }
        var result = await submit.HandleAsync(slug, request, ToSubmitter(user), ct);
        if (result.Succeeded && await definitions.BySlugAsync(db, slug, ct) is { } d)
        {
            var s = result.Value!.Summary;
            var shown = new PublicResult(s.Id, s.ContactId, d.ShowScore ? s.TotalScore : null, d.ShowScore ? s.MaxScore : null, d.ShowScore ? s.Percentage : null,
                d.ShowRanking ? s.Ranking : null, d.ShowPersonalityType ? s.PersonalityType : null, d.ShowTraits ? s.Traits : null, s.PendingGrading);
            return result.Value.Duplicate ? TypedResults.Ok(shown) : TypedResults.Created($"/api/v1/assessments/responses/{s.Id}", shown);
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
