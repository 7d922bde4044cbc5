namespace CrmPlatform.Core.Recipes;

/// <summary>The recipe files shipped with the site (<c>recipes/*.recipe.json</c> beside the application).</summary>
public sealed class RecipeStore
{
    private readonly string _folder;

    public RecipeStore(string? folder = null) =>
        _folder = folder ?? Path.Combine(AppContext.BaseDirectory, "recipes");

    public IReadOnlyList<(string FileName, Recipe Recipe)> List()
    {
        if (!Directory.Exists(_folder))
        {
            return [];
        }
        var result = new List<(string, Recipe)>();
        foreach (var file in Directory.EnumerateFiles(_folder, "*.recipe.json").Order())
        {
            try
            {
                result.Add((Path.GetFileName(file), RecipeParser.Parse(File.ReadAllText(file))));
            }
            catch (RecipeException)
            {
                // A broken file is reported when someone tries to run it, not by hiding the others.
            }
        }
        return result;
    }

    /// <summary>Loads a recipe by file name or recipe name (e.g. <c>setup</c>, <c>demo.recipe.json</c>).</summary>
    public Recipe? Find(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(['/', '\\']) >= 0 || name.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }
        var fileName = name.EndsWith(".recipe.json", StringComparison.OrdinalIgnoreCase) ? name : name + ".recipe.json";
        var path = Path.Combine(_folder, fileName);
        return File.Exists(path) ? RecipeParser.Parse(File.ReadAllText(path)) : List().FirstOrDefault(r => string.Equals(r.Recipe.Name, name, StringComparison.OrdinalIgnoreCase)).Recipe;
    }
}
