using CrmPlatform.Core.Api;
using CrmPlatform.Workflows.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Workflows.Pages.Admin.Workflows.Instances;

[Authorize(Policy = "Workflows.ViewInstances")]
public sealed class InstancesIndexModel(IServiceProvider services) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public InstanceFilter Filter { get; set; } = new();

    public CursorPage<InstanceSummary> Results { get; private set; } = new([], null);
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyList<(Guid Id, string Name)> Types { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var instances = services.GetRequiredService<WorkflowInstances>();
        Types = await instances.TypeNamesAsync(ct);
        var result = await instances.SearchAsync(Filter, ct);
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
