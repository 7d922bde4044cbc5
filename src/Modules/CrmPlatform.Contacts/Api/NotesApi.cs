using System.Text.Json;
using CrmPlatform.Contacts.Features;
using CrmPlatform.Core.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CrmPlatform.Contacts.Api;

/// <summary>
/// <c>/api/v1/contacts/{id}/notes</c>. Adding or editing takes JSON (<c>{"content": "…"}</c>) or a multipart form with a
/// <c>content</c> field and an optional <c>attachment</c> file.
/// </summary>
internal static class NotesApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var notes = endpoints.MapGroup("/api/v1/contacts/{contactId:guid}/notes").WithTags("Contact notes");
        notes.MapGet("", List).RequireAuthorization(ContactsPermissions.View.Name).WithName("ListContactNotes");
        notes.MapGet("/{noteId:guid}/attachment", Download).RequireAuthorization(ContactsPermissions.View.Name).WithName("DownloadNoteAttachment");
        notes.MapPost("", Add).RequireAuthorization(ContactsPermissions.Edit.Name).WithName("AddContactNote").Accepts<NoteInput>("application/json", "multipart/form-data");
        notes.MapPut("/{noteId:guid}", Update).RequireAuthorization(ContactsPermissions.Edit.Name).WithName("UpdateContactNote").Accepts<NoteInput>("application/json", "multipart/form-data");
        notes.MapDelete("/{noteId:guid}", Delete).RequireAuthorization(ContactsPermissions.Edit.Name).WithName("DeleteContactNote");
    }

    private static async Task<Results<Ok<IReadOnlyList<NoteDto>>, NotFound>> List(Guid contactId, NoteCommands notes, CancellationToken ct) =>
        await notes.ListAsync(contactId, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<Results<FileStreamHttpResult, NotFound>> Download(Guid contactId, Guid noteId, HttpResponse response, NoteCommands notes, CancellationToken ct) =>
        await notes.OpenAttachmentAsync(contactId, noteId, ct) is { } file ? ApiResults.Download(response, file) : TypedResults.NotFound();

    private static async Task<Results<Created<NoteDto>, NotFound, ValidationProblem, ProblemHttpResult>> Add(Guid contactId, HttpRequest request, NoteCommands notes, CancellationToken ct)
    {
        var (input, upload, error) = await ReadAsync(request, ct);
        if (error is not null)
        {
            return ApiResults.Invalid(error);
        }
        return ApiResults.Created(await notes.AddAsync(contactId, input!, upload, ct), n => $"/api/v1/contacts/{contactId}/notes/{n.Id}");
    }

    private static async Task<Results<Ok<NoteDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(Guid contactId, Guid noteId, HttpRequest request, NoteCommands notes, CancellationToken ct)
    {
        var (input, upload, error) = await ReadAsync(request, ct);
        if (error is not null)
        {
            return ApiResults.Invalid(error);
        }
        return ApiResults.Ok(await notes.UpdateAsync(contactId, noteId, input!, upload, ct));
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> Delete(Guid contactId, Guid noteId, NoteCommands notes, CancellationToken ct) =>
        ApiResults.NoContent(await notes.DeleteAsync(contactId, noteId, ct));

    private static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        CrmServiceCollectionExtensions.ConfigureJson(options);
        return options;
    }

    private static async Task<(NoteInput? Input, AttachmentUpload? Upload, Dictionary<string, string[]>? Error)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("attachment") ?? (form.Files.Count > 0 ? form.Files[0] : null);
            var upload = file is null ? null : new AttachmentUpload(file.FileName, file.Length, file.OpenReadStream);
            return (new NoteInput { Content = form["content"].FirstOrDefault() }, upload, null);
        }
        if (!request.HasJsonContentType())
        {
            return (null, null, new() { [""] = ["Send JSON ({\"content\": \"…\"}) or a multipart form with content and attachment."] });
        }
        try
        {
            var input = await JsonSerializer.DeserializeAsync<NoteInput>(request.Body, Json, ct);
            return input is null ? (null, null, new() { [""] = ["The body is empty."] }) : (input, null, null);
        }
        catch (JsonException ex)
        {
            return (null, null, new() { [""] = [$"The JSON body could not be read: {ex.Message.Split(" Path:")[0]}"] });
        }
    }
}
