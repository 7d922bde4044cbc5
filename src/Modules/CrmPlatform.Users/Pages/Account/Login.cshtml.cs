using System.ComponentModel.DataAnnotations;
using CrmPlatform.Core.Hosting;
using CrmPlatform.Core.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CrmPlatform.Users.Pages.Account;

[AllowAnonymous, EnableRateLimiting(CrmServiceCollectionExtensions.SignInRateLimit)]
public sealed class LoginModel(SignInManager<User> signIn) : PageModel
{
    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your email."), EmailAddress(ErrorMessage = "Enter a valid email address."), StringLength(256)]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password."), DataType(DataType.Password), StringLength(128)]
        public string Password { get; set; } = "";

        [Display(Name = "Keep me signed in on this device")]
        public bool RememberMe { get; set; }
    }

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // A tampered checkbox value ("RememberMe=abc") binds as false; left in the model state, the checkbox tag helper
        // would try to redisplay it as a boolean and throw.
        if (ModelState.TryGetValue("Input.RememberMe", out var remember) && remember.Errors.Count > 0)
        {
            ModelState.Remove("Input.RememberMe");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await signIn.UserManager.FindByEmailAsync(Input.Email.Trim());
        // One message for every failure, so the form does not reveal which emails have accounts.
        const string failed = "The email or password is not right, or the account is not active.";
        if (user is null)
        {
            ModelState.AddModelError("", failed);
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginTwoFactor", new { ReturnUrl, Input.RememberMe });
        }
        if (result.IsLockedOut)
        {
            ModelState.AddModelError("", "Too many failed attempts: the account is locked for 15 minutes.");
            return Page();
        }
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", failed);
            return Page();
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
