using CrmPlatform.Users.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Users.Pages.Admin.Users;

[Authorize(Policy = "Users.Manage")]
internal sealed class CreateUserModel(CreateUserHandler handler) : PageModel
{
    [BindProperty]
    public CreateUserRequest Input { get; set; } = new() { Role = "internal_staff" };

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // The use case validates (the same rules as the API); the framework's own pass would only duplicate messages.
        ModelState.Clear();
        var result = await handler.HandleAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors);
            Input.Password = null;
            return Page();
        }
        TempData["Status"] = $"User {result.Value!.Email} created.";
        return Redirect($"/admin/users/{result.Value.Id}");
    }
}
