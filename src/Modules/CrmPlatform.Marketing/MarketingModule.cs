using CrmPlatform.Contacts;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Display;
using CrmPlatform.Core.Email;
using CrmPlatform.Core.Hosting;
using CrmPlatform.Core.Modules;
using CrmPlatform.Core.Navigation;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Settings;
using CrmPlatform.Marketing.Api;
using CrmPlatform.Marketing.Features;
using CrmPlatform.Marketing.Recipes;
using CrmPlatform.Marketing.Sending;
using CrmPlatform.Marketing.Tracking;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CrmPlatform.Marketing;

/// <summary>Marketing: email, WhatsApp and SMS campaigns to a contact category, a crash-safe send queue, tracking and analytics.</summary>
public sealed class MarketingModule : ModuleStartup
{
    public const string ModuleId = "CrmPlatform.Marketing";

    public override string Id => ModuleId;
    public override string Name => "Marketing";
    public override string Category => "CRM";
    public override string Description => "Campaigns over email (SMTP or pickup folder), WhatsApp and SMS with Liquid templates, a background sender, open/click/unsubscribe tracking and analytics.";
    public override IReadOnlyList<string> Dependencies => [ContactsModule.ModuleId];
    public override IEnumerable<Permission> Permissions => MarketingPermissions.All;

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddNavigationProvider<MarketingMenu>();
        services.AddDisplayPart<ContactMessagesPart>();
        services.AddRecipeStep<CampaignsStep>();
        services.AddDomainEvent<CampaignCompleted>(ModuleId, "Campaign completed", "A campaign finished sending: every message was sent or failed (carries the counts).");
        services.AddDomainEvent<MessageFailed>(ModuleId, "Campaign message failed", "A campaign message failed for good (with the error).");
        services.AddDomainEvent<ContactUnsubscribed>(ModuleId, "Contact unsubscribed", "A contact opted out of marketing (link, one-click header or admin).");
        services.AddSingleton(new SettingsGroup(MarketingSettings.Key, typeof(MarketingSettings)));

        services.AddSingleton<MarketingSettingsProvider>();
        services.AddSingleton<CampaignTemplates>();
        services.AddSingleton<TrackingTokens>();
        services.AddSingleton<TrackingLinks>();
        services.AddSingleton<SenderSignal>();
        services.AddSingleton<IChannelProvider, EmailChannelProvider>();
        services.AddSingleton<IChannelProvider, TwilioChannelProvider>();
        services.AddSingleton<IChannelProvider, FileChannelProvider>();
        services.AddSingleton<ChannelRouter>();
        // With an SMTP server configured, the kernel's email (workflows, account mails) goes through it too.
        services.Replace(ServiceDescriptor.Singleton<IEmailSender, MarketingEmailSender>());
        services.AddScoped<CampaignQueries>();
        services.AddScoped<CampaignCommands>();
        services.AddScoped<CampaignLauncher>();
        services.AddScoped<CampaignPreview>();
        services.AddScoped<TrackingService>();
        services.AddScoped<IContactMergeParticipant, MessagesMergeParticipant>();
        services.AddScoped<IContactDataParticipant, MessagesDataParticipant>();
        services.AddSingleton<CampaignSender>();
        services.AddHostedService(sp => sp.GetRequiredService<CampaignSender>());
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        CampaignsApi.Map(endpoints);
        TrackingApi.Map(endpoints);
    }
}

internal sealed class MarketingMenu : INavigationProvider
{
    public void Build(NavigationBuilder menu) => menu
        .Add("Campaigns", "/admin/campaigns", MarketingPermissions.ViewAnalytics, "Marketing", 400, "bi-megaphone")
        .Add("Marketing settings", "/admin/campaigns/settings", MarketingPermissions.ManageSettings, "Marketing", 410, "bi-sliders");
}

/// <summary>The contact page's "Marketing messages" block.</summary>
internal sealed class ContactMessagesPart : IDisplayPart
{
    public string Target => DisplayTargets.Contact;
    public string Title => "Marketing messages";
    public int Position => 400;
    public Permission? Permission => MarketingPermissions.ViewAnalytics;
    public Type ViewComponent => typeof(Pages.Shared.Components.ContactMessagesPart.ContactMessagesPartViewComponent);
}
