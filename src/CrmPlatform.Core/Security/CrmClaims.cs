namespace CrmPlatform.Core.Security;

public static class CrmClaims
{
    public const string Role = "crm:role";
    public const string FullName = "crm:name";

    /// <summary>Present (value <c>true</c>) when the user has enrolled an authenticator app.</summary>
    public const string TwoFactor = "crm:2fa";
}
