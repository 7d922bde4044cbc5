using System.Text.Json;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Contacts.Features;
using CrmPlatform.Contacts.Features.Imports;
using CrmPlatform.Contacts.Features.Merging;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace CrmPlatform.Contacts.Api;

/// <summary>Duplicates, merge, CSV export and CSV import under <c>/api/v1/contacts</c>.</summary>
internal static class ContactToolsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var contacts = endpoints.MapGroup("/api/v1/contacts").WithTags("Contacts");
        contacts.MapGet("/duplicates", Duplicates).RequireAuthorization(ContactsPermissions.Merge.Name).WithName("ListContactDuplicates");
        contacts.MapPost("/{id:guid}/merge", Merge).RequireAuthorization(ContactsPermissions.Merge.Name).WithName("MergeContacts");
        contacts.MapGet("/{id:guid}/privacy-export", PrivacyExport).RequireAuthorization(ContactsPermissions.Privacy.Name).WithName("ExportContactPersonalData")
            .WithDescription("Everything held about the contact, every module's section, as a JSON download (audited).");
        contacts.MapPost("/{id:guid}/erase", Erase).RequireAuthorization(ContactsPermissions.Privacy.Name).WithName("EraseContact")
            .WithDescription("Erases the contact's personal data on request: fields anonymised, free text blanked, attachments removed; counts kept (audited).");
        contacts.MapGet("/export.csv", Export).RequireAuthorization(ContactsPermissions.Export.Name).WithName("ExportContacts");
        contacts.MapPost("/imports", Import).RequireAuthorization(ContactsPermissions.Import.Name).WithName("ImportContacts").DisableAntiforgery();
        contacts.MapGet("/imports/{id:guid}", ImportStatusOf).RequireAuthorization(ContactsPermissions.Import.Name).WithName("GetContactImport");
        contacts.MapGet("/imports/{id:guid}/rejected.csv", Rejected).RequireAuthorization(ContactsPermissions.Import.Name).WithName("GetContactImportRejections");
    }

    private static async Task<Ok<CursorPage<DuplicatePair>>> Duplicates(string? cursor, int? limit, DuplicateFinder finder, CancellationToken ct) =>
        TypedResults.Ok(await finder.FindAsync(cursor, limit, ct));

    private static async Task<Results<Ok<ContactDto>, NotFound, ValidationProblem, ProblemHttpResult>> Merge(Guid id, MergeRequest request, ContactMerge merge, CancellationToken ct) =>
        ApiResults.Ok(await merge.MergeAsync(id, request, ct));

    private static async Task<Results<FileContentHttpResult, NotFound>> PrivacyExport(Guid id, ContactPrivacy privacy, HttpResponse response, CancellationToken ct)
    {
        var result = await privacy.ExportAsync(id, ct);
        if (!result.Succeeded)
        {
            return TypedResults.NotFound();
        }
        response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(result.Value!.ToJsonString(Core.Contacts.PersonalDataScrubber.ExportJson)),
            "application/json", $"contact-{id}.json");
    }

    private static async Task<Results<NoContent, NotFound>> Erase(Guid id, ContactPrivacy privacy, CancellationToken ct) =>
        (await privacy.EraseAsync(id, ct)).Succeeded ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<PushStreamHttpResult, ValidationProblem>> Export([AsParameters] ContactsApi.ListParameters parameters, ContactExport export, CancellationToken ct)
    {
        var prepared = await export.PrepareAsync(parameters.ToFilter(), ct);
        return prepared.Succeeded
            ? TypedResults.Stream(s => prepared.Value!(s, ct), "text/csv; charset=utf-8", ContactExport.FileName(DateTime.UtcNow))
            : ApiResults.Invalid(prepared.Errors);
    }

    /// <summary>multipart/form-data: <c>file</c>, optional <c>mapping</c> (JSON header → field; omitted: guessed from the headers), <c>policy</c> (skip, update, reject).</summary>
    private static async Task<Results<Accepted<ImportJobDto>, ValidationProblem, NotFound, ProblemHttpResult>> Import(HttpRequest request, ImportJobs imports, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return ApiResults.Invalid(new Dictionary<string, string[]> { ["file"] = ["Send the CSV as multipart/form-data with a 'file' field."] });
        }
        var form = await request.ReadFormAsync(ct);
        var errors = new Dictionary<string, string[]>();
        var policyText = form["policy"].ToString();
        var policy = DuplicatePolicy.Skip;
        if (policyText.Length > 0 && !EnumNames.TryParse(policyText.Trim().ToLowerInvariant(), out policy))
        {
            errors["policy"] = ["Policy must be skip, update or reject."];
        }
        Dictionary<string, string>? mapping = null;
        if (form["mapping"].ToString() is { Length: > 0 } mappingText)
        {
            try
            {
                mapping = JsonSerializer.Deserialize<Dictionary<string, string>>(mappingText);
            }
            catch (JsonException)
            {
                errors["mapping"] = ["Mapping must be a JSON object of CSV header → contact field."];
            }
        }
        if (form.Files.GetFile("file") is not { } file)
        {
            errors["file"] = ["Choose a CSV file to import."];
        }
        else if (errors.Count == 0)
        {
            await using var stream = file.OpenReadStream();
            var draft = await imports.UploadAsync(stream, file.FileName, file.Length, ct);
            if (!draft.Succeeded)
            {
                return ApiResults.Invalid(draft.Errors);
            }
            var started = await imports.StartAsync(draft.Value!.Id, mapping, policy, ct);
            if (!started.Succeeded)
            {
                await imports.DiscardAsync(draft.Value.Id, ct);
                return ApiResults.Invalid(started.Errors);
            }
            return TypedResults.Accepted($"/api/v1/contacts/imports/{started.Value!.Id}", started.Value);
        }
        return ApiResults.Invalid(errors);
    }

    private static async Task<Results<Ok<ImportJobDto>, NotFound>> ImportStatusOf(Guid id, ImportJobs imports, CancellationToken ct) =>
        await imports.GetAsync(id, ct) is { } job ? TypedResults.Ok(job) : TypedResults.NotFound();

    private static async Task<Results<PushStreamHttpResult, NotFound>> Rejected(Guid id, ImportJobs imports, CancellationToken ct) =>
        await imports.GetAsync(id, ct) is null
            ? TypedResults.NotFound()
            : TypedResults.Stream(s => imports.WriteRejectedAsync(id, s, ct), "text/csv; charset=utf-8", $"import-{id:N}-rejected.csv");
}
