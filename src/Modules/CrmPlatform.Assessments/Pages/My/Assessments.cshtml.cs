using System.Security.Claims;
using CrmPlatform.Assessments.Features;
using CrmPlatform.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Assessments.Pages.My;

/// <summary>A signed-in lead's assessments: those offered to them and their past results (their contact = their email).</summary>
[Authorize]
public sealed class MyAssessmentsModel(LeadAssessments leads) : PageModel
{
    public bool IsLead { get; private set; }
    public LeadOverview Overview { get; private set; } = new([], []);

    public async Task OnGetAsync(CancellationToken ct)
    {
        IsLead = User.FindFirstValue(CrmClaims.Role) == "lead";
        if (IsLead)
        {
            Overview = await leads.ForAsync(User.FindFirstValue(ClaimTypes.Email), ct);
        }
    }
}
