using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;

namespace CrmPlatform.Assessments;

/// <summary>
/// The Assessments module's rights (admin holds everything). Leads hold none: they take assessments on the public
/// pages and see their own results under <c>/my/assessments</c>, which only needs a signed-in lead.
/// </summary>
public static class AssessmentsPermissions
{
    public static readonly Permission Manage = new("Assessments.Manage", "Create, edit, delete and restore assessments, questions, options and scoring", UserRole.InternalStaff);
    public static readonly Permission ViewResponses = new("Assessments.ViewResponses", "See assessment responses and results", UserRole.InternalStaff);
    public static readonly Permission Grade = new("Assessments.Grade", "Grade subjective answers", UserRole.InternalStaff);
    public static readonly Permission Export = new("Assessments.Export", "Export assessment responses to CSV", UserRole.InternalStaff);

    public static readonly IReadOnlyList<Permission> All = [Manage, ViewResponses, Grade, Export];
}
