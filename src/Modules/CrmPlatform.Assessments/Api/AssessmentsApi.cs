using CrmPlatform.Assessments.Features;
using CrmPlatform.Core.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CrmPlatform.Assessments.Api;

/// <summary><c>/api/v1/assessments</c>: assessments, questions, options, responses and grading, each behind its permission.</summary>
internal static class AssessmentsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/assessments").WithTags("Assessments");
        var manage = api.MapGroup("").RequireAuthorization(AssessmentsPermissions.Manage.Name);
        manage.MapGet("", List).WithName("ListAssessments");
        manage.MapPost("", Create).WithName("CreateAssessment");
        manage.MapGet("/{id:guid}", Get).WithName("GetAssessment");
        manage.MapPut("/{id:guid}", Update).WithName("UpdateAssessment");
        manage.MapDelete("/{id:guid}", Delete).WithName("DeleteAssessment");
        manage.MapPost("/{id:guid}/restore", Restore).WithName("RestoreAssessment");
        manage.MapPost("/{id:guid}/duplicate", Duplicate).WithName("DuplicateAssessment");
        manage.MapGet("/{id:guid}/questions", ListQuestions).WithName("ListAssessmentQuestions");
        manage.MapPost("/{id:guid}/questions", AddQuestion).WithName("AddAssessmentQuestion");
        manage.MapPut("/{id:guid}/questions/order", Reorder).WithName("ReorderAssessmentQuestions");
        manage.MapPut("/{id:guid}/questions/{questionId:guid}", UpdateQuestion).WithName("UpdateAssessmentQuestion");
        manage.MapDelete("/{id:guid}/questions/{questionId:guid}", DeleteQuestion).WithName("DeleteAssessmentQuestion");
        manage.MapPost("/{id:guid}/questions/{questionId:guid}/options", AddOption).WithName("AddAssessmentOption");
        manage.MapPut("/{id:guid}/questions/{questionId:guid}/options/{optionId:guid}", UpdateOption).WithName("UpdateAssessmentOption");
        manage.MapDelete("/{id:guid}/questions/{questionId:guid}/options/{optionId:guid}", DeleteOption).WithName("DeleteAssessmentOption");

        var view = api.MapGroup("").RequireAuthorization(AssessmentsPermissions.ViewResponses.Name);
        view.MapGet("/{id:guid}/responses", ListResponses).WithName("ListAssessmentResponses");
        view.MapGet("/responses/{responseId:guid}", GetResponse).WithName("GetAssessmentResponse");

        var grade = api.MapGroup("").RequireAuthorization(AssessmentsPermissions.Grade.Name);
        grade.MapGet("/grading", GradingQueue).WithName("AssessmentGradingQueue");
        grade.MapPost("/answers/{answerId:guid}/grade", Grade).WithName("GradeAssessmentAnswer");
    }

    public sealed record OrderRequest(IReadOnlyList<Guid> QuestionIds);

    private static async Task<Results<Ok<CursorPage<AssessmentListItem>>, NotFound, ValidationProblem, ProblemHttpResult>> List(
        string? search, bool? deleted, string? cursor, int? limit, AssessmentQueries queries, CancellationToken ct) =>
        ApiResults.Map(await queries.ListAsync(new AssessmentFilter(search, deleted ?? false, cursor, limit), ct));

    private static async Task<Results<Ok<AssessmentDto>, NotFound, ValidationProblem, ProblemHttpResult>> Create(AssessmentInput input, AssessmentCommands commands, CancellationToken ct) =>
        ApiResults.Map(await commands.CreateAsync(input, ct));

    private static async Task<Results<Ok<AssessmentDto>, NotFound>> Get(Guid id, AssessmentQueries queries, CancellationToken ct) =>
        await queries.GetAsync(id, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound();

    private static async Task<Results<Ok<AssessmentDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(Guid id, AssessmentInput input, AssessmentCommands commands, CancellationToken ct) =>
        ApiResults.Map(await commands.UpdateAsync(id, input, ct));

    private static async Task<Results<NoContent, NotFound>> Delete(Guid id, AssessmentCommands commands, CancellationToken ct) =>
        await commands.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> Restore(Guid id, AssessmentCommands commands, CancellationToken ct) =>
        await commands.RestoreAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<AssessmentDto>, NotFound, ValidationProblem, ProblemHttpResult>> Duplicate(Guid id, AssessmentCommands commands, CancellationToken ct) =>
        ApiResults.Map(await commands.DuplicateAsync(id, ct));

    private static async Task<Results<Ok<IReadOnlyList<QuestionDto>>, NotFound>> ListQuestions(Guid id, AssessmentQueries queries, CancellationToken ct) =>
        await queries.GetAsync(id, ct) is { } dto ? TypedResults.Ok(dto.Questions) : TypedResults.NotFound();

    private static async Task<Results<Ok<QuestionDto>, NotFound, ValidationProblem, ProblemHttpResult>> AddQuestion(Guid id, QuestionInput input, QuestionCommands commands, CancellationToken ct) =>
        ApiResults.Map(await commands.AddAsync(id, input, ct));

    private static async Task<Results<Ok<QuestionDto>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateQuestion(Guid id, Guid questionId, QuestionInput input, QuestionCommands commands, CancellationToken ct) =>
        ApiResults.Map(await commands.UpdateAsync(id, questionId, input, ct));

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> DeleteQuestion(Guid id, Guid questionId, QuestionCommands commands, CancellationToken ct) =>
        ApiResults.NoContent(await commands.DeleteAsync(id, questionId, ct));

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> Reorder(Guid id, OrderRequest request, QuestionCommands commands, CancellationToken ct) =>
        ApiResults.NoContent(await commands.ReorderAsync(id, request.QuestionIds ?? [], ct));

    private static async Task<Results<Ok<OptionDto>, NotFound, ValidationProblem, ProblemHttpResult>> AddOption(Guid id, Guid questionId, OptionInput input, QuestionCommands commands, CancellationToken ct) =>
        ApiResults.Map(await commands.AddOptionAsync(id, questionId, input, ct));

    private static async Task<Results<Ok<OptionDto>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateOption(Guid id, Guid questionId, Guid optionId, OptionInput input, QuestionCommands commands, CancellationToken ct) =>
        ApiResults.Map(await commands.UpdateOptionAsync(id, questionId, optionId, input, ct));

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> DeleteOption(Guid id, Guid questionId, Guid optionId, QuestionCommands commands, CancellationToken ct) =>
        ApiResults.NoContent(await commands.DeleteOptionAsync(id, questionId, optionId, ct));

    private static async Task<Results<Ok<CursorPage<ResponseListItem>>, NotFound, ValidationProblem, ProblemHttpResult>> ListResponses(
        Guid id, string? cursor, int? limit, ResponseQueries queries, CancellationToken ct) =>
        ApiResults.Map(await queries.ListAsync(id, cursor, limit, ct));

    private static async Task<Results<Ok<ResponseDetail>, NotFound>> GetResponse(Guid responseId, ResponseQueries queries, CancellationToken ct) =>
        await queries.GetAsync(responseId, ct) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound();

    private static async Task<Ok<IReadOnlyList<GradingItem>>> GradingQueue(Guid? assessmentId, int? limit, Grading grading, CancellationToken ct) =>
        TypedResults.Ok(await grading.QueueAsync(assessmentId, limit ?? 50, ct));

    private static async Task<Results<Ok<ResponseSummary>, NotFound, ValidationProblem, ProblemHttpResult>> Grade(Guid answerId, GradeRequest request, Grading grading, CancellationToken ct) =>
        ApiResults.Map(await grading.GradeAsync(answerId, request, ct));
}
