using System.ComponentModel.DataAnnotations;
using CrmPlatform.Core.Recipes;
using CrmPlatform.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Admin.Pages.Admin.Recipes;

[Authorize(Policy = "Recipes.Run")]
public sealed class RecipesModel(RecipeStore store, RecipeExecutor executor, ICurrentUser currentUser) : PageModel
{
    public IReadOnlyList<(string FileName, Recipe Recipe)> Recipes { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    [BindProperty, Display(Name = "Recipe JSON"), StringLength(5_000_000)]
    public string? Json { get; set; }

    public void OnGet() => Recipes = store.List();

    public async Task<IActionResult> OnPostRunAsync(string file, CancellationToken ct)
    {
        Recipes = store.List();
        Recipe? recipe;
        try
        {
            recipe = store.Find(file);
        }
        catch (RecipeException ex)
        {
            Errors = ex.Errors;
            return Page();
        }
        return recipe is null ? NotFound() : await RunAsync(recipe, ct);
    }

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken ct)
    {
        Recipes = store.List();
        if (string.IsNullOrWhiteSpace(Json))
        {
            ModelState.AddModelError(nameof(Json), "Paste a recipe.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            return await RunAsync(RecipeParser.Parse(Json!), ct);
        }
        catch (RecipeException ex)
        {
            Errors = ex.Errors;
            return Page();
        }
    }

    private async Task<IActionResult> RunAsync(Recipe recipe, CancellationToken ct)
    {
        try
        {
            await executor.ExecuteAsync(recipe, currentUser.Id, ct);
        }
        catch (RecipeException ex)
        {
            Errors = ex.Errors;
            return Page();
        }
        TempData["Status"] = $"Recipe '{recipe.Name}' ran.";
        return RedirectToPage();
    }
}
