using CrmPlatform.BrowserTests.Infrastructure;
using CrmPlatform.Core.Users;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmPlatform.BrowserTests.Admin;

public sealed class SignInTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Wrong_password_shows_the_sign_in_error_and_stays_on_the_form()
    {
        var user = await App.CreateUserAsync(UserRole.InternalStaff);

        await Page.GotoAsync("/login");
        await Page.GetByLabel("Email").FillAsync(user.Email!);
        await Page.GetByLabel("Password").FillAsync("not-the-password-1");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or password is not right");
        await Expect(Page).ToHaveURLAsync(new Uri(App.BaseAddress, "/login").ToString());
        await Expect(Page.GetByLabel("Email")).ToHaveValueAsync(user.Email!);
    }
}
