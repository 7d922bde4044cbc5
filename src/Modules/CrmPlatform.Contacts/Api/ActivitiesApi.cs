using CrmPlatform.Contacts.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CrmPlatform.Contacts.Api;

/// <summary><c>/api/v1/contacts/{id}/activities</c>, <c>/social-links</c> and the caller's agenda <c>/api/v1/my-activities</c>.</summary>
internal static class ActivitiesApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var view = ContactsPermissions.View.Name;
        var edit = ContactsPermissions.Edit.Name;
        endpoints.MapGet("/api/v1/my-activities", Mine).RequireAuthorization(view).WithTags("Contact activities").WithName("MyActivities");

        var activities = endpoints.MapGroup("/api/v1/contacts/{contactId:guid}/activities").WithTags("Contact activities");
        activities.MapGet("", ListActivities).RequireAuthorization(view).WithName("ListContactActivities");
        activities.MapPost("", AddActivity).RequireAuthorization(edit).WithName("AddContactActivity");
        activities.MapPut("/{id:guid}", UpdateActivity).RequireAuthorization(edit).WithName("UpdateContactActivity");
        activities.MapPost("/{id:guid}/complete", Complete).RequireAuthorization(edit).WithName("CompleteContactActivity");
        activities.MapPost("/{id:guid}/reopen", Reopen).RequireAuthorization(edit).WithName("ReopenContactActivity");
        activities.MapDelete("/{id:guid}", DeleteActivity).RequireAuthorization(edit).WithName("DeleteContactActivity");

        var links = endpoints.MapGroup("/api/v1/contacts/{contactId:guid}/social-links").WithTags("Contact social links");
        links.MapGet("", ListLinks).RequireAuthorization(view).WithName("ListContactSocialLinks");
        links.MapPost("", AddLink).RequireAuthorization(edit).WithName("AddContactSocialLink");
        links.MapPut("/{id:guid}", UpdateLink).RequireAuthorization(edit).WithName("UpdateContactSocialLink");
        links.MapDelete("/{id:guid}", DeleteLink).RequireAuthorization(edit).WithName("DeleteContactSocialLink");
    }

    private static async Task<Ok<MyActivities>> Mine(ActivityCommands activities, CancellationToken ct) =>
        TypedResults.Ok(await activities.MineAsync(ct));

    private static async Task<Results<Ok<IReadOnlyList<ActivityDto>>, NotFound>> ListActivities(Guid contactId, ActivityCommands activities, CancellationToken ct) =>
        await activities.ListAsync(contactId, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<Results<Created<ActivityDto>, NotFound, ValidationProblem, ProblemHttpResult>> AddActivity(Guid contactId, ActivityInput input, ActivityCommands activities, CancellationToken ct) =>
        ApiResults.Created(await activities.AddAsync(contactId, input, ct), a => $"/api/v1/contacts/{contactId}/activities/{a.Id}");

    private static async Task<Results<Ok<ActivityDto>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateActivity(Guid contactId, Guid id, ActivityInput input, ActivityCommands activities, CancellationToken ct) =>
        ApiResults.Ok(await activities.UpdateAsync(contactId, id, input, ct));

    private static async Task<Results<Ok<ActivityDto>, NotFound, ValidationProblem, ProblemHttpResult>> Complete(Guid contactId, Guid id, ActivityCommands activities, CancellationToken ct) =>
        ApiResults.Ok(await activities.CompleteAsync(contactId, id, true, ct));

    private static async Task<Results<Ok<ActivityDto>, NotFound, ValidationProblem, ProblemHttpResult>> Reopen(Guid contactId, Guid id, ActivityCommands activities, CancellationToken ct) =>
        ApiResults.Ok(await activities.CompleteAsync(contactId, id, false, ct));

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> DeleteActivity(Guid contactId, Guid id, ActivityCommands activities, CancellationToken ct) =>
        ApiResults.NoContent(await activities.DeleteAsync(contactId, id, ct));

    private static async Task<Results<Ok<IReadOnlyList<SocialLinkDto>>, NotFound>> ListLinks(Guid contactId, SocialLinkCommands links, CancellationToken ct) =>
        await links.ListAsync(contactId, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<Results<Created<SocialLinkDto>, NotFound, ValidationProblem, ProblemHttpResult>> AddLink(Guid contactId, SocialLinkInput input, SocialLinkCommands links, CancellationToken ct) =>
        ApiResults.Created(await links.AddAsync(contactId, input, ct), l => $"/api/v1/contacts/{contactId}/social-links/{l.Id}");

    private static async Task<Results<Ok<SocialLinkDto>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateLink(Guid contactId, Guid id, SocialLinkInput input, SocialLinkCommands links, CancellationToken ct) =>
        ApiResults.Ok(await links.UpdateAsync(contactId, id, input, ct));

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> DeleteLink(Guid contactId, Guid id, SocialLinkCommands links, CancellationToken ct) =>
        ApiResults.NoContent(await links.DeleteAsync(contactId, id, ct));
}
