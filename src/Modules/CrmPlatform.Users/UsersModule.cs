using CrmPlatform.Core.Hosting;
using CrmPlatform.Core.Modules;
using CrmPlatform.Core.Navigation;
using CrmPlatform.Core.Security;
using CrmPlatform.Users.Api;
using CrmPlatform.Users.Features;
using CrmPlatform.Users.Recipes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Users;

/// <summary>Sign-in, users, the four roles and their permission grants, personal API tokens.</summary>
public sealed class UsersModule : ModuleStartup
{
    public override string Id => "CrmPlatform.Users";
    public override string Name => "Users";
    public override string Category => "Platform";
    public override string Description => "Sign-in, users, roles and permissions, personal API tokens.";
    public override bool AlwaysEnabled => true;
    public override IEnumerable<Permission> Permissions => UsersPermissions.All;

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddNavigationProvider<UsersMenu>();
        services.AddRecipeStep<UsersStep>();
        services.AddSingleton<PhoneNumberNormalizer>();
        services.AddScoped<SearchUsersHandler>();
        services.AddScoped<GetUserHandler>();
        services.AddScoped<CreateUserHandler>();
        services.AddScoped<UpdateUserHandler>();
        services.AddScoped<SetUserActiveHandler>();
        services.AddScoped<RoleGrantsQuery>();
        services.AddScoped<SaveRoleGrantsHandler>();
        services.AddScoped<UpdateProfileHandler>();
        services.AddScoped<ChangePasswordHandler>();
        services.AddScoped<PersonalTokens>();
        services.AddScoped<TwoFactorHandler>();
        services.AddScoped<TwoFactorPolicyHandler>();
        services.AddScoped<PasswordResetHandler>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        UsersApi.Map(endpoints);
        AccountApi.Map(endpoints);
    }
}

internal sealed class UsersMenu : INavigationProvider
{
    public void Build(NavigationBuilder menu) => menu
        .Add("Users", "/admin/users", UsersPermissions.ViewUsers, "Configuration", 800, "bi-person-badge")
        .Add("Roles", "/admin/roles", UsersPermissions.ManageRoles, "Configuration", 810, "bi-shield-lock");
}
