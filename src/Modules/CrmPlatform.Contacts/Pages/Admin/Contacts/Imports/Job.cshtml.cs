using CrmPlatform.Contacts.Api;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Contacts.Features.Imports;
using CrmPlatform.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Contacts.Pages.Admin.Contacts.Imports;

/// <summary>A draft: map columns, preview, choose the duplicate policy, start. Afterwards: progress (htmx polling) and the rejected rows.</summary>
[Authorize(Policy = "Contacts.Import")]
public sealed class JobModel(ImportJobs imports) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    /// <summary>The field chosen for each column, in header order ("" = not imported).</summary>
    [BindProperty] public List<string?> Fields { get; set; } = [];
    [BindProperty] public string Policy { get; set; } = "skip";

    public ImportJobDto Job { get; private set; } = null!;
    public IReadOnlyList<string> Headers { get; private set; } = [];
    public ImportPreview? Preview { get; private set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await imports.FindAsync(Id, ct) is not { } job)
        {
            return NotFound();
        }
        await LoadAsync(job, ImportJobs.MappingOf(job), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (await imports.FindAsync(Id, ct) is not { } job)
        {
            return NotFound();
        }
        await LoadAsync(job, null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        if (await imports.FindAsync(Id, ct) is not { } job)
        {
            return NotFound();
        }
        Headers = await imports.HeadersAsync(job, ct);
        var result = await imports.StartAsync(Id, Mapping(), ParsePolicy(), ct);
        if (result.Succeeded)
        {
            return Redirect($"/admin/contacts/imports/{Id}");
        }
        if (result.Kind == Core.Api.ResultKind.NotFound)
        {
            return NotFound();
        }
        Errors = result.Errors;
        await LoadAsync(job, null, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetProgressAsync(CancellationToken ct)
    {
        if (await imports.GetAsync(Id, ct) is not { } job)
        {
            return NotFound();
        }
        Job = job;
        return Partial("_ImportProgress", this);
    }

    public async Task<IActionResult> OnGetRejectedAsync(CancellationToken ct)
    {
        if (await imports.GetAsync(Id, ct) is null)
        {
            return NotFound();
        }
        AttachmentHeaders.Apply(Response);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"import-{Id:N}-rejected.csv\"";
        await imports.WriteRejectedAsync(Id, Response.Body, ct);
        return new EmptyResult();
    }

    private async Task LoadAsync(ContactImportJob job, IReadOnlyDictionary<string, string>? mapping, CancellationToken ct)
    {
        Job = ImportJobDto.From(job);
        if (job.Status != ImportStatus.Draft)
        {
            return;
        }
        Headers = await imports.HeadersAsync(job, ct);
        if (mapping is not null)
        {
            Fields = Headers.Select(h => mapping.GetValueOrDefault(h)).ToList();
        }
        Preview = await imports.PreviewAsync(job, Mapping(), ParsePolicy(), ct);
    }

    private Dictionary<string, string> Mapping()
    {
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Headers.Count && i < Fields.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(Fields[i]))
            {
                mapping[Headers[i]] = Fields[i]!;
            }
        }
        return mapping;
    }

    private DuplicatePolicy ParsePolicy() => EnumNames.TryParse<DuplicatePolicy>(Policy, out var policy) ? policy : DuplicatePolicy.Skip;
}
