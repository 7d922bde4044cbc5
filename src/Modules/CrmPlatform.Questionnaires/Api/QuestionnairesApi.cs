using CrmPlatform.Core.Api;
using CrmPlatform.Questionnaires.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CrmPlatform.Questionnaires.Api;

/// <summary><c>/api/v1/questionnaires</c>: questionnaires, questions, options, responses and the summary, each behind its permission.</summary>
internal static class QuestionnairesApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/questionnaires").WithTags("Questionnaires");
        var manage = api.MapGroup("").RequireAuthorization(QuestionnairesPermissions.Manage.Name);
        manage.MapGet("", List).WithName("ListQuestionnaires");
        manage.MapPost("", Create).WithName("CreateQuestionnaire");
        manage.MapGet("/{id:guid}", Get).WithName("GetQuestionnaire");
        manage.MapPut("/{id:guid}", Update).WithName("UpdateQuestionnaire");
        manage.MapDelete("/{id:guid}", Delete).WithName("DeleteQuestionnaire");
        manage.MapPost("/{id:guid}/restore", Restore).WithName("RestoreQuestionnaire");
        manage.MapPost("/{id:guid}/duplicate", Duplicate).WithName("DuplicateQuestionnaire");
        manage.MapGet("/{id:guid}/questions", ListQuestions).WithName("ListQuestionnaireQuestions");
        manage.MapPost("/{id:guid}/questions", AddQuestion).WithName("AddQuestionnaireQuestion");
        manage.MapPut("/{id:guid}/questions/order", Reorder).WithName("ReorderQuestionnaireQuestions");
        manage.MapPut("/{id:guid}/questions/{questionId:guid}", UpdateQuestion).WithName("UpdateQuestionnaireQuestion");
        manage.MapDelete("/{id:guid}/questions/{questionId:guid}", DeleteQuestion).WithName("DeleteQuestionnaireQuestion");
        manage.MapPost("/{id:guid}/questions/{questionId:guid}/options", AddOption).WithName("AddQuestionnaireOption");
        manage.MapPut("/{id:guid}/questions/{questionId:guid}/options/{optionId:guid}", UpdateOption).WithName("UpdateQuestionnaireOption");
        manage.MapDelete("/{id:guid}/questions/{questionId:guid}/options/{optionId:guid}", DeleteOption).WithName("DeleteQuestionnaireOption");

        var view = api.MapGroup("").RequireAuthorization(QuestionnairesPermissions.ViewResponses.Name);
        view.MapGet("/{id:guid}/responses", ListResponses).WithName("ListQuestionnaireResponses");
        view.MapGet("/{id:guid}/summary", Summary).WithName("GetQuestionnaireSummary");
        view.MapGet("/responses/{responseId:guid}", GetResponse).WithName("GetQuestionnaireResponse");
    }

    public sealed record OrderRequest(IReadOnlyList<Guid>? QuestionIds);

    private static async Task<Results<Ok<CursorPage<QuestionnaireListItem>>, NotFound, ValidationProblem, ProblemHttpResult>> List(
        string? search, bool? deleted, string? cursor, int? limit, QuestionnaireQueries queries, CancellationToken ct) =>
        ApiResults.Map(await queries.ListAsync(new QuestionnaireFilter(search, deleted ?? false, cursor, limit), ct));

    private static async Task<Results<Ok<QuestionnaireDto>, NotFound, ValidationProblem, ProblemHttpResult>> Create(QuestionnaireInput input, QuestionnaireCommands commands, CancellationToken ct) =>
        ApiResults.Map(await commands.CreateAsync(input, ct));

    private static async Task<Results<Ok<QuestionnaireDto>, NotFound>> Get(Guid id, QuestionnaireQueries queries, CancellationToken ct) =>
        await queries.GetAsync(id, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound();

    private static async Task<Results<Ok<QuestionnaireDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(Guid id, QuestionnaireInput input, QuestionnaireCommands commands, CancellationToken ct) =>
        ApiResults.Map(await commands.UpdateAsync(id, input, ct));

    private static async Task<Results<NoContent, NotFound>> Delete(Guid id, QuestionnaireCommands commands, CancellationToken ct) =>
        await commands.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> Restore(Guid id, QuestionnaireCommands commands, CancellationToken ct) =>
        await commands.RestoreAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<QuestionnaireDto>, NotFound, ValidationProblem, ProblemHttpResult>> Duplicate(Guid id, QuestionnaireCommands commands, CancellationToken ct) =>
        ApiResults.Map(await commands.DuplicateAsync(id, ct));

    private static async Task<Results<Ok<IReadOnlyList<QuestionDto>>, NotFound>> ListQuestions(Guid id, QuestionnaireQueries queries, CancellationToken ct) =>
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

    private static async Task<Results<Ok<CursorPage<ResponseDetail>>, NotFound, ValidationProblem, ProblemHttpResult>> ListResponses(
        Guid id, DateOnly? from, DateOnly? to, Guid? categoryId, string? cursor, int? limit, QuestionnaireQueries queries, ResponseQueries responses, CancellationToken ct) =>
        await queries.GetAsync(id, ct) is null ? TypedResults.NotFound() : ApiResults.Map(await responses.ListAsync(id, new ResponseFilter(from, to, categoryId), cursor, limit, ct));

    private static async Task<Results<Ok<QuestionnaireSummary>, NotFound>> Summary(Guid id, DateOnly? from, DateOnly? to, Guid? categoryId, string? search, ResponseSummaries summaries, CancellationToken ct) =>
        await summaries.GetAsync(id, new ResponseFilter(from, to, categoryId), search, ct) is { } summary ? TypedResults.Ok(summary) : TypedResults.NotFound();

    private static async Task<Results<Ok<ResponseDetail>, NotFound>> GetResponse(Guid responseId, ResponseQueries queries, CancellationToken ct) =>
        await queries.GetAsync(responseId, ct) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound();
}
