using CrmPlatform.Core.Display;
using CrmPlatform.Marketing.Features;
using Microsoft.AspNetCore.Mvc;

namespace CrmPlatform.Marketing.Pages.Shared.Components.ContactMessagesPart;

/// <summary>The contact page's "Marketing messages" block: the latest messages sent to that contact.</summary>
public sealed class ContactMessagesPartViewComponent(CampaignQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(DisplayContext context) =>
        View(context.EntityId is { } id ? await queries.ForContactAsync(id, 50, HttpContext.RequestAborted) : (IReadOnlyList<ContactMessageDto>)[]);
}
