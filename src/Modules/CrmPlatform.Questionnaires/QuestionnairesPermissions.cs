using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;

namespace CrmPlatform.Questionnaires;

/// <summary>
/// The Questionnaires module's rights (admin holds everything; internal staff by default). Partners and leads hold none:
/// leads fill questionnaires on <c>/q/{slug}</c> and list the ones offered to them under <c>/my/questionnaires</c>.
/// </summary>
public static class QuestionnairesPermissions
{
    public static readonly Permission Manage = new("Questionnaires.Manage", "Create, edit, delete and restore questionnaires, questions and options", UserRole.InternalStaff);
    public static readonly Permission ViewResponses = new("Questionnaires.ViewResponses", "See questionnaire responses and summaries", UserRole.InternalStaff);
    public static readonly Permission Export = new("Questionnaires.Export", "Export questionnaire responses to CSV", UserRole.InternalStaff);

    public static readonly IReadOnlyList<Permission> All = [Manage, ViewResponses, Export];
}
