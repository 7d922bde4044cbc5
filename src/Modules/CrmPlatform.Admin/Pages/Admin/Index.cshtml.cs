using CrmPlatform.Core.Display;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Admin.Pages.Admin;

public sealed class DashboardModel(DisplayPartService parts) : PageModel
{
    public IReadOnlyList<IDisplayPart> Parts { get; private set; } = [];
    public DisplayContext Context { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Context = new DisplayContext(DisplayTargets.Dashboard, null, User);
        Parts = await parts.ForAsync(DisplayTargets.Dashboard, User, ct);
    }
}
