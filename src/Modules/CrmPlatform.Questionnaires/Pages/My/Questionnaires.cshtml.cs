using System.Security.Claims;
using CrmPlatform.Core.Security;
using CrmPlatform.Questionnaires.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Questionnaires.Pages.My;

/// <summary>A signed-in lead's questionnaires: those offered to them and their past responses (their contact = their email).</summary>
[Authorize]
public sealed class MyQuestionnairesModel(LeadQuestionnaires leads) : PageModel
{
    public bool IsLead { get; private set; }
    public LeadQuestionnaireOverview Overview { get; private set; } = new([], []);

    public async Task OnGetAsync(CancellationToken ct)
    {
        IsLead = User.FindFirstValue(CrmClaims.Role) == "lead";
        if (IsLead)
        {
            Overview = await leads.ForAsync(User.FindFirstValue(ClaimTypes.Email), ct);
        }
    }
}
