using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Display;
using CrmPlatform.Core.Events;
using CrmPlatform.Core.Features;
using CrmPlatform.Core.Modules;
using CrmPlatform.Core.Navigation;
using CrmPlatform.Core.Recipes;
using CrmPlatform.Core.Recipes.Steps;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Settings;
using CrmPlatform.Core.Setup;
using CrmPlatform.Core.Storage;
using CrmPlatform.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CrmPlatform.Core.Hosting;

public static class CrmServiceCollectionExtensions
{
    public const string PublicFormsRateLimit = "public-forms";
    public const string SignInRateLimit = "sign-in";
    public const long MaxRequestBodyBytes = 30 * 1024 * 1024;

    /// <summary>Adds the kernel and every module the host references. Call once from <c>Program.cs</c>.</summary>
    public static ModuleCatalog AddCrmPlatform(this WebApplicationBuilder builder, ModuleCatalog? catalog = null)
    {
        catalog ??= ModuleCatalog.Discover();
        var services = builder.Services;
        var configuration = builder.Configuration;

        // The setup screen may write the database choice here; read it without a restart.
        builder.Configuration.AddJsonFile(Path.Combine(builder.Environment.ContentRootPath, "App_Data", "database.json"), optional: true, reloadOnChange: true);
        Operations.ConfigurationValidator.ThrowIfInvalid(builder.Configuration);

        // Modules' and themes' files (/_content/...) come from their projects when running from build output; the
        // framework wires that up in Development only, so tests (environment "Testing") and a Production run from
        // source would serve pages without CSS or scripts. Published output has no such manifest: this does nothing there.
        if (!builder.Environment.IsDevelopment())
        {
            builder.WebHost.UseStaticWebAssets();
        }

        services.AddSingleton(catalog);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddHttpContextAccessor();
        services.AddSingleton<ICurrentUser, HttpCurrentUser>();

        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        services.AddSingleton<CrmDbContextFactory>();
        services.AddSingleton<IDbContextFactory<CrmDbContext>>(sp => sp.GetRequiredService<CrmDbContextFactory>());
        services.AddScoped(sp => sp.GetRequiredService<CrmDbContextFactory>().CreateDbContext());

        services.AddSingleton<IFeatureManager, FeatureManager>();
        services.AddSingleton<PermissionRegistry>();
        services.AddSingleton<PermissionService>();
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddScoped<NavigationService>();
        services.AddScoped<DisplayPartService>();

        services.AddSingleton(new RecipeStore(configuration["Recipes:Folder"]));
        services.AddScoped<RecipeExecutor>();
        services.AddScoped<IRecipeStepHandler, FeaturesStep>();
        services.AddScoped<IRecipeStepHandler, RolesStep>();
        services.AddScoped<IRecipeStepHandler, SettingsStep>();
        services.AddSingleton<SiteSettingsService>();
        services.TryAddSingleton<Email.IEmailSender, Email.PickupFolderEmailSender>();
        services.AddSingleton(new SettingsGroup(GeneralSettings.Key, typeof(GeneralSettings)));
        services.AddSingleton(new SettingsGroup(SecuritySettings.Key, typeof(SecuritySettings)));

        // The initializer is registered first: hosted services start in order, so workers find a migrated database.
        services.AddSingleton<SetupService>();
        services.AddSingleton<Operations.BackupService>();
        services.Configure<AutoSetupOptions>(configuration.GetSection(AutoSetupOptions.Section));
        services.AddHostedService<DatabaseInitializer>();

        services.Configure<Background.LeaseOptions>(configuration.GetSection(Background.LeaseOptions.Section));
        services.AddSingleton(sp => new DomainEventRegistry(sp.GetServices<DomainEventDescriptor>()));
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());

        services.AddSingleton<IFileStore, LocalFileStore>();

        AddIdentity(services);
        AddWeb(services, catalog);
        Operations.CrmTelemetry.AddCrmTelemetry(builder);
        services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(options =>
        {
            // Behind a reverse proxy: trust X-Forwarded-For/Proto from the proxies named in ReverseProxy:KnownProxies.
            options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        // Bodies above 30 MB are refused before they reach the application; uploads check their own, smaller limits
        // (a 10 MB attachment) so the user gets a message next to the field rather than a bare 413.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(form =>
        {
            form.MultipartBodyLengthLimit = MaxRequestBodyBytes;
            form.ValueCountLimit = 2048;
        });

        foreach (var module in catalog.Modules)
        {
            module.ConfigureServices(services, configuration);
        }
        return catalog;
    }

    private static void AddIdentity(IServiceCollection services)
    {
        services.AddIdentityCore<User>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters += "+";
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = true;
                options.Password.RequireDigit = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.SignIn.RequireConfirmedAccount = true;
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<CrmDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<CrmClaimsPrincipalFactory>();
        services.AddScoped<IUserConfirmation<User>, ActiveUserConfirmation>();
        // Deactivation, a password change or reset, and two-factor changes renew the security stamp: other sessions
        // end at their next check, at most this long after.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromSeconds(30));
        // Password reset links (Identity's data-protection token, bound to the security stamp) expire after an hour.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(1));

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = "crm";
                options.DefaultChallengeScheme = "crm";
            })
            .AddPolicyScheme("crm", "Cookie or API token", options =>
            {
                // The REST API takes bearer tokens only (no cookies, so no cross-site request forgery); screens use the cookie.
                options.ForwardDefaultSelector = context =>
                    context.Request.Path.StartsWithSegments("/api") ? ApiTokenHandler.SchemeName : IdentityConstants.ApplicationScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "crm.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // Not the framework's 14-day default: a working day, renewed while in use.
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.LoginPath = "/login";
            options.LogoutPath = "/logout";
            options.AccessDeniedPath = "/access-denied";
        });
        services.AddAuthorization();
        services.AddDataProtection().SetApplicationName("CrmPlatform").PersistKeysToDbContext<CrmDbContext>();
    }

    private static void AddWeb(IServiceCollection services, ModuleCatalog catalog)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        services.AddAntiforgery(options =>
        {
            options.HeaderName = "RequestVerificationToken";
            options.Cookie.Name = "crm.af";
        });
        services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/Admin", CorePermissions.AccessAdmin.Name);
                options.Conventions.Add(new FeaturePageConvention(catalog));
            })
            .AddJsonOptions(options => ConfigureJson(options.JsonSerializerOptions));
        services.AddRouting(options => options.LowercaseUrls = true);
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CrmPlatform API";
            document.Info.Description = "Contacts, pipelines, assessments, questionnaires and campaigns. Authenticate with a personal API token: `Authorization: Bearer crm_…`.";
            return Task.CompletedTask;
        }));
        services.AddHealthChecks()
            .AddDbContextCheck<CrmDbContext>("database", tags: ["ready"])
            .AddCheck<Operations.WorkerHealthCheck>("workers", tags: ["ready"]);
        services.AddRateLimiter(options =>
        {
            // The framework answers 503 unless told otherwise; a client that sends too much gets 429.
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Limits per client address; RateLimits:{PublicForms|SignIn}:PermitLimit and :WindowSeconds override them.
            options.AddPolicy(PublicFormsRateLimit, context => FixedWindow(context, "PublicForms", 20));
            // Only attempts count against sign-in: showing the form (GET) is never throttled.
            options.AddPolicy(SignInRateLimit, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : FixedWindow(context, "SignIn", 10));
            options.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Too many requests.", Detail = "Please wait a minute and try again." },
                });
            };
        });
    }

    // The key is computed per request; configuration is read only when a client's limiter is first created.
    private static RateLimitPartition<string> FixedWindow(HttpContext context, string name, int defaultLimit) =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ =>
            {
                var section = context.RequestServices.GetRequiredService<IConfiguration>().GetSection($"RateLimits:{name}");
                return new FixedWindowRateLimiterOptions
                {
                    PermitLimit = section.GetValue("PermitLimit", defaultLimit),
                    Window = TimeSpan.FromSeconds(section.GetValue("WindowSeconds", 60)),
                    QueueLimit = 0,
                };
            });

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new NulRejectingStringConverter());
        options.MaxDepth = 32;
    }

    /// <summary>Registers a module's domain event so it can be stored, delivered and offered to workflows.</summary>
    public static IServiceCollection AddDomainEvent<TEvent>(this IServiceCollection services, string moduleId, string title, string description)
        where TEvent : IDomainEvent =>
        services.AddSingleton(new DomainEventDescriptor(DomainEventRegistry.NameOf(typeof(TEvent)), typeof(TEvent), moduleId, title, description));

    public static IServiceCollection AddNavigationProvider<T>(this IServiceCollection services) where T : class, INavigationProvider =>
        services.AddSingleton<INavigationProvider, T>();

    public static IServiceCollection AddDisplayPart<T>(this IServiceCollection services) where T : class, IDisplayPart =>
        services.AddSingleton<IDisplayPart, T>();

    public static IServiceCollection AddRecipeStep<T>(this IServiceCollection services) where T : class, IRecipeStepHandler =>
        services.AddScoped<IRecipeStepHandler, T>();
}
