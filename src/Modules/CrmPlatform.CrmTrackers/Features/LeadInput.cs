using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.Core.Data;

namespace CrmPlatform.CrmTrackers.Features;

/// <summary>
/// A lead as a form or the API sends it. <see cref="Fields"/> holds custom field values keyed by field name (or id):
/// numbers as numbers, booleans as booleans, multi-select as arrays, dates as "YYYY-MM-DD".
/// </summary>
public sealed class LeadInput : IValidatableObject
{
    [Required(ErrorMessage = "Title is required.")]
    [StringLength(Lead.TitleMaxLength, ErrorMessage = "Title must be at most 200 characters.")]
    public string? Title { get; set; }

    [StringLength(Lead.DescriptionMaxLength, ErrorMessage = "Description must be at most 10000 characters.")]
    public string? Description { get; set; }

    /// <summary>new, contacted, qualified, proposal, negotiation, closed_won, closed_lost or on_hold; new when omitted on create.</summary>
    public string? Status { get; set; }

    public decimal? EstimatedValue { get; set; }

    public DateTime? ExpectedCloseDate { get; set; }

    [Required(ErrorMessage = "Contact is required.")]
    public Guid? ContactId { get; set; }

    /// <summary>Required on create; a lead cannot move to another tracker.</summary>
    public Guid? TrackerId { get; set; }

    public Guid? AssignedToId { get; set; }

    public Dictionary<string, JsonNode?>? Fields { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Status is not null && !EnumNames.TryParse<LeadStatus>(Status, out _))
        {
            yield return new ValidationResult($"'{Status}' is not a lead status ({string.Join(", ", EnumNames.All<LeadStatus>())}).", [nameof(Status)]);
        }
        if (EstimatedValue is { } value && (value < -Lead.MaxValue || value > Lead.MaxValue || decimal.Round(value, 2) != value))
        {
            yield return new ValidationResult("Estimated value must be between -99,999,999.99 and 99,999,999.99 with at most two decimals.", [nameof(EstimatedValue)]);
        }
        if (ExpectedCloseDate is { Year: < 1900 or > 2200 })
        {
            yield return new ValidationResult("Expected close date is out of range.", [nameof(ExpectedCloseDate)]);
        }
        if (Title is not null && string.IsNullOrWhiteSpace(Title))
        {
            yield return new ValidationResult("Title is required.", [nameof(Title)]);
        }
    }
}
