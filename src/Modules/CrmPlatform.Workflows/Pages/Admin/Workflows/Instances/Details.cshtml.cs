using CrmPlatform.Workflows.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Workflows.Pages.Admin.Workflows.Instances;

[Authorize(Policy = "Workflows.ViewInstances")]
public sealed class InstanceDetailsModel(IServiceProvider services, IAuthorizationService authorization) : PageModel
{
    /// <summary>Indented JSON that shows "+" and non-ASCII text as typed (the page HTML-encodes it).</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public InstanceDetails Instance { get; private set; } = null!;
    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var details = await services.GetRequiredService<WorkflowInstances>().GetAsync(id, ct);
        if (details is null)
        {
            return NotFound();
        }
        Instance = details;
        CanManage = (await authorization.AuthorizeAsync(User, WorkflowsPermissions.Manage.Name)).Succeeded;
        return Page();
    }

    public Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, instances => instances.RetryAsync(id, ct), "retried");

    public Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, instances => instances.CancelAsync(id, ct), "cancelled");

    private async Task<IActionResult> ChangeAsync(Guid id, Func<WorkflowInstances, Task<Core.Api.Result<InstanceDetails>>> change, string verb)
    {
        if (!(await authorization.AuthorizeAsync(User, WorkflowsPermissions.Manage.Name)).Succeeded)
        {
            return Forbid();
        }
        var result = await change(services.GetRequiredService<WorkflowInstances>());
        if (result.Kind == Core.Api.ResultKind.NotFound)
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            TempData["Status"] = $"Instance {verb}.";
        }
        else
        {
            TempData["Error"] = string.Join(" ", result.Errors.SelectMany(e => e.Value));
        }
        return Redirect($"/admin/workflows/instances/{id}");
    }
}
