using System.Net;
using System.Text;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Kernel;

/// <summary>
/// Walks every endpoint the host maps (API routes and pages) and calls each as anonymous and as each of the four
/// roles. The expected answer is derived from the endpoint's own authorization metadata and the role's grants, so
/// every module's endpoints are covered as soon as they exist: allowed calls never get 401/403, refused ones do, and
/// nothing ever answers 500 or shows a stack trace.
/// </summary>
public abstract class RoleMatrixTests(CrmApp app) : IntegrationTest(app)
{
    private static readonly UserRole?[] Callers = [null, UserRole.Admin, UserRole.InternalStaff, UserRole.Partner, UserRole.Lead];

    [Fact]
    public async Task Every_api_endpoint_answers_each_role_as_its_permissions_say_and_never_500()
    {
        var clients = new HttpClient[Callers.Length];
        for (var i = 0; i < Callers.Length; i++)
        {
            clients[i] = await App.ApiClientAsync(Callers[i]);
        }
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var (endpoint, method, url) in Endpoints(api: true))
        {
            for (var i = 0; i < Callers.Length; i++)
            {
                var role = Callers[i];
                var expectation = await ExpectAsync(endpoint, role);
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }
                var response = await clients[i].SendAsync(request, Ct);
                var body = await response.Content.ReadAsStringAsync(Ct);
                checkedCount++;
                var problem = Check(response.StatusCode, body, expectation, api: true);
                if (problem is not null)
                {
                    failures.Add($"{method} {url} as {role?.ToName() ?? "anonymous"}: {problem}");
                }
            }
        }
        Assert.True(checkedCount > 20, $"Only {checkedCount} calls were made: is the endpoint walk broken?");
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Every_page_answers_each_role_as_its_permissions_say_and_never_500()
    {
        var clients = new Dictionary<int, HttpClient>();
        for (var i = 0; i < Callers.Length; i++)
        {
            clients[i] = await App.ScreenClientAsync(Callers[i]);
        }
        var failures = new List<string>();
        foreach (var (endpoint, method, url) in Endpoints(api: false))
        {
            if (method != "GET" || url.StartsWith("/setup", StringComparison.Ordinal) || url.StartsWith("/logout", StringComparison.Ordinal))
            {
                continue;
            }
            for (var i = 0; i < Callers.Length; i++)
            {
                var expectation = await ExpectAsync(endpoint, Callers[i]);
                var response = await clients[i].GetAsync(url, Ct);
                var body = await response.Content.ReadAsStringAsync(Ct);
                var problem = Check(response.StatusCode, body, expectation, api: false, response.Headers.Location?.ToString());
                if (problem is not null)
                {
                    failures.Add($"GET {url} as {Callers[i]?.ToName() ?? "anonymous"}: {problem}");
                }
            }
        }
        Assert.Empty(failures);
    }

    private enum Expectation
    {
        Public,
        Allowed,
        Unauthenticated,
        Forbidden,
    }

    private async Task<Expectation> ExpectAsync(Endpoint endpoint, UserRole? role)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            // Public pages decide for themselves (the start page redirects, access-denied answers 403): only "never 500".
            return Expectation.Public;
        }
        var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        if (authorize.Count == 0)
        {
            return Expectation.Allowed;
        }
        if (role is null)
        {
            return Expectation.Unauthenticated;
        }
        var permissions = App.Services.GetRequiredService<PermissionService>();
        foreach (var policy in authorize.Select(a => a.Policy).OfType<string>())
        {
            if (!await permissions.HasAsync(role.Value, policy, Ct))
            {
                return Expectation.Forbidden;
            }
        }
        return Expectation.Allowed;
    }

    private static string? Check(HttpStatusCode status, string body, Expectation expectation, bool api, string? location = null)
    {
        var code = (int)status;
        if (code >= 500)
        {
            return $"answered {code}";
        }
        if (body.Contains("   at ", StringComparison.Ordinal) && body.Contains("Exception", StringComparison.Ordinal))
        {
            return "shows a stack trace";
        }
        var deniedByRedirect = !api && status == HttpStatusCode.Redirect && location is not null;
        return expectation switch
        {
            Expectation.Unauthenticated when api && status != HttpStatusCode.Unauthorized => $"expected 401, got {code}",
            Expectation.Unauthenticated when !api && !(deniedByRedirect && location!.Contains("/login", StringComparison.Ordinal)) => $"expected a redirect to /login, got {code} {location}",
            Expectation.Forbidden when api && status is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound) => $"expected 403/404, got {code}",
            Expectation.Forbidden when !api && !(deniedByRedirect && location!.Contains("/access-denied", StringComparison.Ordinal)) && status != HttpStatusCode.Forbidden && status != HttpStatusCode.NotFound => $"expected access denied, got {code} {location}",
            Expectation.Allowed when status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => $"expected access, got {code}",
            Expectation.Allowed when deniedByRedirect && (location!.Contains("/login", StringComparison.Ordinal) || location.Contains("/access-denied", StringComparison.Ordinal)) => $"expected access, got redirect to {location}",
            _ => null,
        };
    }

    /// <summary>Every mapped endpoint with a concrete URL: route parameters get a random id (nothing exists with it).</summary>
    private IEnumerable<(Endpoint Endpoint, string Method, string Url)> Endpoints(bool api)
    {
        var sources = App.Services.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            var raw = "/" + (pattern.RawText ?? "").TrimStart('/');
            var isApi = raw.StartsWith("/api/v1", StringComparison.OrdinalIgnoreCase);
            var isPage = endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null || endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>() is not null;
            if ((api && !isApi) || (!api && !isPage))
            {
                continue;
            }
            var url = raw;
            foreach (var parameter in pattern.Parameters)
            {
                var value = parameter.ParameterPolicies.Any(p => p.Content is "int") ? "404" : Guid.NewGuid().ToString();
                url = System.Text.RegularExpressions.Regex.Replace(url, "\\{" + parameter.Name + "[^}]*\\}", parameter.IsOptional ? "" : value);
            }
            url = url.Replace("//", "/", StringComparison.Ordinal).TrimEnd('/');
            if (url.Length == 0)
            {
                url = "/";
            }
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Distinct())
            {
                yield return (endpoint, method, url);
            }
        }
    }
}

public sealed class RoleMatrixTestsOnSqlite(SqliteApp app) : RoleMatrixTests(app), IClassFixture<SqliteApp>;

public sealed class RoleMatrixTestsOnPostgres(PostgresApp app) : RoleMatrixTests(app), IClassFixture<PostgresApp>;
