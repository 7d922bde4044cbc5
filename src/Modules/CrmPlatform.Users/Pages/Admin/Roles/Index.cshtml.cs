using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;
using CrmPlatform.Users.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Users.Pages.Admin.Roles;

[Authorize(Policy = "Roles.Manage")]
internal sealed class RolesModel(RoleGrantsQuery query, SaveRoleGrantsHandler save, TwoFactorPolicyHandler twoFactor, PermissionRegistry registry) : PageModel
{
    public IReadOnlyList<RoleGrantsDto> Roles { get; private set; } = [];
    public IReadOnlyList<IGrouping<string, Permission>> Groups { get; private set; } = [];
    public string? ErrorRole { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public SecuritySettings Security { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(string? role, string[]? permissions, CancellationToken ct)
    {
        var result = await save.HandleAsync(role, new SaveRoleGrantsRequest { Permissions = permissions ?? [] }, ct);
        if (!result.Succeeded)
        {
            ErrorRole = role;
            Errors = [.. result.Errors.SelectMany(e => e.Value)];
            await LoadAsync(ct);
            return Page();
        }
        TempData["Status"] = $"Permissions of {result.Value!.Title} saved.";
        return Redirect($"/admin/roles#role-{result.Value.Role.ToName()}");
    }

    public async Task<IActionResult> OnPostTwoFactorAsync(string[]? requireTwoFactor, CancellationToken ct)
    {
        var result = await twoFactor.SaveAsync(requireTwoFactor, ct);
        if (!result.Succeeded)
        {
            ErrorRole = "two-factor";
            Errors = [.. result.Errors.SelectMany(e => e.Value)];
            await LoadAsync(ct);
            return Page();
        }
        TempData["Status"] = "Two-factor requirements saved.";
        return Redirect("/admin/roles#two-factor");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Security = await twoFactor.GetAsync(ct);
        Roles = await query.ListAsync(ct);
        Groups = [.. registry.Grouped()];
    }
}
