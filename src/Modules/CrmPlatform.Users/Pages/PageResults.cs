using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CrmPlatform.Users.Pages;

internal static class PageResults
{
    /// <summary>Puts a use case's field errors next to the form's fields (<c>Input.Email</c>, …); unkeyed ones in the summary.</summary>
    public static void AddErrors(this ModelStateDictionary modelState, IReadOnlyDictionary<string, string[]> errors, string prefix = "Input")
    {
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError(field.Length == 0 ? "" : $"{prefix}.{field}", message);
            }
        }
    }
}
