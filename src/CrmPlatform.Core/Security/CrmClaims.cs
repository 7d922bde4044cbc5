namespace CrmPlatform.Core.Security;

public static class CrmClaims
{
    public const string Role = "crm:role";
    public const string FullName = "crm:name";
}
