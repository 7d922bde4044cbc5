using CrmPlatform.Assessments.Data;
using CrmPlatform.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CrmPlatform.BrowserTests.Admin;

/// <summary>
/// Every admin page in the menu and the public forms, scanned in Chromium: the response carries the security headers
/// (a nonce-based Content-Security-Policy with frame-ancestors, nosniff, a referrer policy) and the page reports no
/// CSP violation, neither as a <c>securitypolicyviolation</c> event nor in the console.
/// </summary>
public sealed class SecurityHeadersTests(BrowserApp app) : BrowserTest(app)
{
    private const string CollectViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
        """;

    private async Task<List<string>> ScanAsync(string path)
    {
        var problems = new List<string>();
        var response = await Page.GotoAsync(path) ?? throw new InvalidOperationException($"No response for {path}.");
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var headers = await response.AllHeadersAsync();
        var csp = headers.GetValueOrDefault("content-security-policy") ?? "";
        if (!System.Text.RegularExpressions.Regex.IsMatch(csp, "script-src [^;]*'nonce-[A-Za-z0-9+/=]{16,}'") || csp.Contains("'unsafe-inline'", StringComparison.Ordinal) && csp.Contains("script-src 'self' 'unsafe-inline'", StringComparison.Ordinal))
        {
            problems.Add($"{path}: CSP without a script nonce: {csp}");
        }
        if (!csp.Contains("frame-ancestors", StringComparison.Ordinal) || !csp.Contains("object-src 'none'", StringComparison.Ordinal))
        {
            problems.Add($"{path}: CSP without frame-ancestors/object-src: {csp}");
        }
        if (headers.GetValueOrDefault("x-content-type-options") != "nosniff")
        {
            problems.Add($"{path}: no X-Content-Type-Options: nosniff");
        }
        if (string.IsNullOrEmpty(headers.GetValueOrDefault("referrer-policy")))
        {
            problems.Add($"{path}: no Referrer-Policy");
        }
        foreach (var violation in await Page.EvaluateAsync<string[]>("() => window.__cspViolations || []"))
        {
            problems.Add($"{path}: CSP violation: {violation}");
        }
        return problems;
    }

    [Fact]
    public async Task Every_admin_page_and_public_form_sends_the_policy_and_violates_none_of_it()
    {
        await Page.Context.AddInitScriptAsync(CollectViolations);
        var slug = await App.WithDbAsync(async db =>
        {
            var assessment = new Assessment { Title = "Headers check", Trait = AssessmentTrait.Sales, IsPublic = true, ScoringLogic = "{}" };
            assessment.Questions.Add(new AssessmentQuestion { Question = "How are you?", Type = QuestionType.RatingScale, SortOrder = 0 });
            db.Add(assessment);
            await db.SaveChangesAsync();
            return assessment.PublicUrl;
        });
        var problems = new List<string>();
        foreach (var path in new[] { "/login", "/forgot-password", $"/a/{slug}" })
        {
            problems.AddRange(await ScanAsync(path));
        }

        await SignInAsAdminAsync();
        var pages = await AdminMenu.Locator("a[href^='/']").EvaluateAllAsync<string[]>("links => [...new Set(links.map(a => a.getAttribute('href')))]");
        Assert.True(pages.Length >= 10, $"Only {pages.Length} menu links found.");
        foreach (var path in pages.Concat(["/account", "/account/two-factor", "/account/tokens"]))
        {
            problems.AddRange(await ScanAsync(path));
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        // Chromium also logs every blocked inline script or style as a console error.
        await AssertNoConsoleErrorsAsync();
    }
}
