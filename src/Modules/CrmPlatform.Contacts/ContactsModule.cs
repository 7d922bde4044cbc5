using CrmPlatform.Contacts.Api;
using CrmPlatform.Contacts.Features;
using CrmPlatform.Contacts.Features.Imports;
using CrmPlatform.Contacts.Features.Merging;
using CrmPlatform.Contacts.Parts;
using CrmPlatform.Contacts.Recipes;
using CrmPlatform.Contacts.Workflows;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Hosting;
using CrmPlatform.Core.Modules;
using CrmPlatform.Core.Navigation;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Workflows;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Contacts;

/// <summary>Contact categories, contacts, notes with attachments, activities and social links.</summary>
public sealed class ContactsModule : ModuleStartup
{
    public const string ModuleId = "CrmPlatform.Contacts";

    public override string Id => ModuleId;
    public override string Name => "Contacts";
    public override string Category => "CRM";
    public override string Description => "Categories, contacts, notes with attachments, activities and social links.";
    public override IEnumerable<Permission> Permissions => ContactsPermissions.All;

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddNavigationProvider<ContactsMenu>();
        services.AddDisplayPart<ContactsDashboardPart>();
        services.AddRecipeStep<CategoriesStep>();
        services.AddRecipeStep<ContactsStep>();
        services.AddDomainEvent<ContactCreated>(ModuleId, "Contact created", "A contact was created.");
        services.AddDomainEvent<ContactUpdated>(ModuleId, "Contact updated", "A contact's fields changed.");
        services.AddDomainEvent<ContactDeleted>(ModuleId, "Contact deleted", "A contact was deleted (soft).");
        services.AddDomainEvent<NoteAdded>(ModuleId, "Note added", "A note was added to a contact.");
        services.AddDomainEvent<ActivityDue>(ModuleId, "Activity due", "A scheduled activity reached its time.");

        services.AddWorkflowTask<SetContactCategoryTask>();
        services.AddWorkflowTask<AddContactNoteTask>();
        services.AddWorkflowTask<CreateContactActivityTask>();

        services.AddScoped<IContactDirectory, ContactDirectory>();
        services.AddScoped<ContactAccess>();
        services.AddScoped<ContactFieldRules>();
        services.AddScoped<ContactQuery>();
        services.AddScoped<ContactCommands>();
        services.AddScoped<CategoryCommands>();
        services.AddScoped<NoteCommands>();
        services.AddScoped<ActivityCommands>();
        services.AddScoped<SocialLinkCommands>();
        services.AddSingleton<ActivityDueScanner>();
        services.Configure<ActivityDueOptions>(configuration.GetSection(ActivityDueOptions.Section));
        services.AddHostedService<ActivityDueWorker>();
        services.AddScoped<ContactExport>();
        services.AddScoped<DuplicateFinder>();
        services.AddScoped<ContactMerge>();
        services.AddScoped<ContactPrivacy>();
        services.AddScoped<ImportRows>();
        services.AddScoped<ImportJobs>();
        services.AddSingleton<ImportSignal>();
        services.AddSingleton<ContactImportRunner>();
        services.Configure<ContactImportOptions>(configuration.GetSection(ContactImportOptions.Section));
        services.AddHostedService<ImportWorker>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ContactsApi.Map(endpoints);
        CategoriesApi.Map(endpoints);
        NotesApi.Map(endpoints);
        ActivitiesApi.Map(endpoints);
        ContactToolsApi.Map(endpoints);
    }
}

internal sealed class ContactsMenu : INavigationProvider
{
    public void Build(NavigationBuilder menu) => menu
        .Add("Contacts", "/admin/contacts", ContactsPermissions.View, "Contacts", 200, "bi-person-lines-fill")
        .Add("Categories", "/admin/contact-categories", ContactsPermissions.ManageCategories, "Contacts", 210, "bi-tags")
        .Add("My activities", "/admin/my-activities", ContactsPermissions.View, "Contacts", 220, "bi-calendar-check")
        .Add("Duplicates", "/admin/contacts/duplicates", ContactsPermissions.Merge, "Contacts", 230, "bi-intersect")
        .Add("Import", "/admin/contacts/imports", ContactsPermissions.Import, "Contacts", 240, "bi-upload");
}
