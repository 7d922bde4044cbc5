using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Admin.Pages;

/// <summary>The friendly page shown for error statuses on screens (the API answers with problem details).</summary>
[AllowAnonymous, IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        Code = code;
        (Title, Message) = code switch
        {
            404 => ("Page not found", "The page does not exist, was removed, or you may not open it."),
            403 => ("Not allowed", "Your account may not open this page."),
            400 => ("Bad request", "The request could not be understood. Reload the page and try again."),
            429 => ("Too many requests", "Please wait a minute and try again."),
            _ => ("Something went wrong", "The error has been logged. Please try again."),
        };
    }
}
