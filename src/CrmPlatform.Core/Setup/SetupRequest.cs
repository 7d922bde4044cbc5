using System.ComponentModel.DataAnnotations;
using CrmPlatform.Core.Data;

namespace CrmPlatform.Core.Setup;

/// <summary>What the setup screen (or the unattended <c>Setup</c> configuration section) provides.</summary>
public sealed class SetupRequest : IValidatableObject
{
    [Required(ErrorMessage = "Give the site a name."), StringLength(100)]
    [Display(Name = "Site name")]
    public string SiteName { get; set; } = "CrmPlatform";

    [Required(ErrorMessage = "Enter the administrator's email."), EmailAddress(ErrorMessage = "Enter a valid email address."), StringLength(256)]
    [Display(Name = "Admin email")]
    public string AdminEmail { get; set; } = "";

    [Required(ErrorMessage = "Choose a password."), StringLength(128, MinimumLength = 10, ErrorMessage = "The password needs at least 10 characters.")]
    [DataType(DataType.Password), Display(Name = "Admin password")]
    public string AdminPassword { get; set; } = "";

    [Required(ErrorMessage = "Enter a first name."), StringLength(100)]
    [Display(Name = "First name")]
    public string AdminFirstName { get; set; } = "Site";

    [Required(ErrorMessage = "Enter a last name."), StringLength(100)]
    [Display(Name = "Last name")]
    public string AdminLastName { get; set; } = "Admin";

    [Required(ErrorMessage = "Choose a recipe."), StringLength(100)]
    public string Recipe { get; set; } = "setup";

    [Display(Name = "Database")]
    public DatabaseProvider DatabaseProvider { get; set; } = DatabaseProvider.Sqlite;

    [StringLength(1000), Display(Name = "Connection string")]
    public string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(DatabaseProvider))
        {
            yield return new ValidationResult("Choose SQLite or PostgreSQL.", [nameof(DatabaseProvider)]);
        }
        if (DatabaseProvider == DatabaseProvider.PostgreSql && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("PostgreSQL needs a connection string.", [nameof(ConnectionString)]);
        }
    }
}

/// <summary>The <c>Setup</c> configuration section for unattended setup (servers, tests, development).</summary>
public sealed class AutoSetupOptions
{
    public const string Section = "Setup";

    public bool AutoSetup { get; set; }
    public string SiteName { get; set; } = "CrmPlatform";
    public string AdminEmail { get; set; } = "";
    public string AdminPassword { get; set; } = "";
    public string Recipe { get; set; } = "setup";
}
