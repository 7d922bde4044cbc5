using CrmPlatform.Core.Display;
using CrmPlatform.Questionnaires.Features;
using Microsoft.AspNetCore.Mvc;

namespace CrmPlatform.Questionnaires.Pages.Shared.Components.QuestionnaireResponsesPart;

/// <summary>Lists the contact's questionnaire responses on the contact page.</summary>
public sealed class QuestionnaireResponsesPartViewComponent(ResponseQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(DisplayContext context) =>
        View(context.EntityId is { } id ? await queries.ForContactAsync(id, HttpContext.RequestAborted) : (IReadOnlyList<ResponseListItem>)[]);
}
