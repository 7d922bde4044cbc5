using CrmPlatform.Contacts.Features;
using CrmPlatform.Core.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace CrmPlatform.Contacts.Api;

/// <summary><c>/api/v1/contacts</c>: list (search, filters, sort, cursor), read, create, update, soft delete, restore.</summary>
internal static class ContactsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var contacts = endpoints.MapGroup("/api/v1/contacts").WithTags("Contacts");
        contacts.MapGet("", List).RequireAuthorization(ContactsPermissions.View.Name).WithName("ListContacts");
        contacts.MapGet("/{id:guid}", Get).RequireAuthorization(ContactsPermissions.View.Name).WithName("GetContact");
        contacts.MapPost("", Create).RequireAuthorization(ContactsPermissions.Create.Name).WithName("CreateContact");
        contacts.MapPut("/{id:guid}", Update).RequireAuthorization(ContactsPermissions.Edit.Name).WithName("UpdateContact");
        contacts.MapDelete("/{id:guid}", Delete).RequireAuthorization(ContactsPermissions.Delete.Name).WithName("DeleteContact");
        contacts.MapPost("/{id:guid}/restore", Restore).RequireAuthorization(ContactsPermissions.Delete.Name).WithName("RestoreContact");
    }

    internal sealed record ListParameters(
        string? Q, Guid? CategoryId, string? Type, string? Location, string? Industry, string? PersonalityType, Guid? CreatedById,
        DateTime? CreatedFrom, DateTime? CreatedTo, bool? Deleted, string? Sort, string? Cursor, int? Limit)
    {
        public ContactFilter ToFilter() => new()
        {
            Q = Q, CategoryId = CategoryId, Type = Type, Location = Location, Industry = Industry, PersonalityType = PersonalityType,
            CreatedById = CreatedById, CreatedFrom = CreatedFrom, CreatedTo = CreatedTo, Deleted = Deleted ?? false, Sort = Sort, Cursor = Cursor, Limit = Limit,
        };
    }

    private static async Task<Results<Ok<CursorPage<ContactDto>>, ValidationProblem>> List([AsParameters] ListParameters parameters, ContactQuery query, CancellationToken ct)
    {
        var result = await query.SearchAsync(parameters.ToFilter(), ct);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : ApiResults.Invalid(result.Errors);
    }

    private static async Task<Results<Ok<ContactDto>, NotFound>> Get(Guid id, ContactQuery query, CancellationToken ct) =>
        await query.GetAsync(id, includeDeleted: false, ct) is { } contact ? TypedResults.Ok(contact) : TypedResults.NotFound();

    private static async Task<Results<Created<ContactDto>, NotFound, ValidationProblem, ProblemHttpResult>> Create(ContactInput input, ContactCommands commands, CancellationToken ct) =>
        ApiResults.Created(await commands.CreateAsync(input, ct), c => $"/api/v1/contacts/{c.Id}");

    private static async Task<Results<Ok<ContactDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(Guid id, ContactInput input, ContactCommands commands, CancellationToken ct) =>
        ApiResults.Ok(await commands.UpdateAsync(id, input, ct));

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> Delete(Guid id, ContactCommands commands, CancellationToken ct) =>
        ApiResults.NoContent(await commands.DeleteAsync(id, ct));

    private static async Task<Results<Ok<ContactDto>, NotFound, ValidationProblem, ProblemHttpResult>> Restore(Guid id, ContactCommands commands, CancellationToken ct) =>
        ApiResults.Ok(await commands.RestoreAsync(id, ct));
}
