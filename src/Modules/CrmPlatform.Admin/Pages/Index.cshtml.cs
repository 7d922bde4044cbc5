using CrmPlatform.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Admin.Pages;

/// <summary>The start page sends people where they work: staff to the admin, leads to their portal, others to sign in.</summary>
[AllowAnonymous]
public sealed class StartModel(PermissionService permissions) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Redirect("/login");
        }
        return Redirect(await permissions.HasAsync(User, CorePermissions.AccessAdmin.Name, ct) ? "/admin" : "/account");
    }
}
