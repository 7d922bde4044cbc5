using CrmPlatform.Core.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Admin.Pages.Admin.AuditLog;

[Authorize(Policy = "AuditLog.View")]
public sealed class AuditLogModel(AuditLogQuery query) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public AuditLogFilter Filter { get; set; } = new();

    public CursorPage<AuditEntryDto> Results { get; private set; } = new([], null);
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyList<string> EntityTypes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        EntityTypes = await query.EntityTypesAsync(ct);
        var result = await query.SearchAsync(Filter, ct);
        if (result.Succeeded)
        {
            Results = result.Value!;
        }
        else
        {
            Errors = result.Errors;
        }
    }
}
