using CrmPlatform.Core.Recipes;
using CrmPlatform.Core.Setup;
using CrmPlatform.Core.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Admin.Pages;

[AllowAnonymous]
public sealed class SetupModel(SetupService setup, RecipeStore recipes, SignInManager<User> signIn) : PageModel
{
    [BindProperty]
    public SetupRequest Input { get; set; } = new();

    public IReadOnlyList<(string FileName, Recipe Recipe)> Recipes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await setup.IsSetUpAsync(ct))
        {
            return NotFound();
        }
        Recipes = recipes.List();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await setup.IsSetUpAsync(ct))
        {
            return NotFound();
        }
        Recipes = recipes.List();
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await setup.SetupAsync(Input, ct);
        if (!result.Succeeded)
        {
            foreach (var (field, messages) in result.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(field.Length == 0 ? "" : $"{nameof(Input)}.{field}", message);
                }
            }
            return Page();
        }
        var admin = await signIn.UserManager.FindByIdAsync(result.Value.ToString());
        if (admin is not null)
        {
            await signIn.SignInAsync(admin, isPersistent: false);
        }
        TempData["Status"] = "Your site is ready.";
        return Redirect("/admin");
    }
}
