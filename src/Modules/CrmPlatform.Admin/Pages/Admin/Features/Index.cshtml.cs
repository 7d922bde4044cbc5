using CrmPlatform.Core.Features;
using CrmPlatform.Core.Modules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Admin.Pages.Admin.Features;

[Authorize(Policy = "Features.Manage")]
public sealed class FeaturesModel(FeatureQueries queries, IFeatureManager features) : PageModel
{
    public IReadOnlyList<FeatureDto> Features { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Features = await queries.ListAsync(ct);

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct) =>
        ChangeAsync(id, features.EnableAsync(id, withDependencies: false, ct), "enabled");

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct) =>
        ChangeAsync(id, features.DisableAsync(id, ct), "disabled");

    private async Task<IActionResult> ChangeAsync(string id, Task<FeatureChangeResult> change, string verb)
    {
        var result = await change;
        if (result.Succeeded)
        {
            TempData["Status"] = $"{queries.NameOf(id)} {verb}.";
        }
        else
        {
            TempData["Error"] = result.Error;
        }
        return RedirectToPage();
    }
}
