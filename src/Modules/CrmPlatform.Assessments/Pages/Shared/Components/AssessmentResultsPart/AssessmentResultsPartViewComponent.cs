using CrmPlatform.Assessments.Features;
using CrmPlatform.Core.Display;
using Microsoft.AspNetCore.Mvc;

namespace CrmPlatform.Assessments.Pages.Shared.Components.AssessmentResultsPart;

/// <summary>Lists the contact's assessment responses on the contact page.</summary>
public sealed class AssessmentResultsPartViewComponent(ResponseQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(DisplayContext context) =>
        View(context.EntityId is { } id ? await queries.ForContactAsync(id, HttpContext.RequestAborted) : (IReadOnlyList<ResponseListItem>)[]);
}
