using System.Text.Json.Nodes;
using CrmPlatform.CrmTrackers.Features;
using Microsoft.AspNetCore.Http;

namespace CrmPlatform.CrmTrackers.Pages.Admin.Leads;

/// <summary>The lead form's standard inputs; custom fields are posted as <c>cf.{name}</c>.</summary>
public sealed class LeadForm
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Status { get; set; }
    public decimal? EstimatedValue { get; set; }
    public DateTime? ExpectedCloseDate { get; set; }
    public string? ContactEmail { get; set; }
    public Guid? AssignedToId { get; set; }
}

/// <summary>What the shared form partial renders.</summary>
public sealed record LeadFormView(
    LeadForm Form, IReadOnlyList<FieldDto> Fields, IReadOnlyDictionary<string, IReadOnlyList<string>> Values,
    IReadOnlyDictionary<string, string[]> Errors, IReadOnlyList<UserOption>? Assignees, string Submit, string Cancel)
{
    public string? Error(string key) => Errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    public string Invalid(string key) => Errors.ContainsKey(key) ? "is-invalid" : "";

    public IReadOnlyList<string> ValuesOf(string name) => Values.TryGetValue(name, out var values) ? values : [];
}

internal static class LeadFormBinding
{
    public const string Prefix = "cf.";

    /// <summary>The posted custom field strings, per field name (for redisplay).</summary>
    public static Dictionary<string, IReadOnlyList<string>> Posted(IFormCollection form, IEnumerable<FieldDto> fields) =>
        fields.ToDictionary(f => f.Name, f => (IReadOnlyList<string>)[.. form[Prefix + f.Name].Select(v => v ?? "")]);

    /// <summary>The posted values in the API's typed shape, so the form and the API share one validation.</summary>
    public static Dictionary<string, JsonNode?> Typed(IReadOnlyDictionary<string, IReadOnlyList<string>> posted, IEnumerable<FieldDto> fields) =>
        fields.ToDictionary(f => f.Name, f => FieldValues.FromForm(f.Type, posted.GetValueOrDefault(f.Name) ?? []));

    /// <summary>A lead's stored values as form strings.</summary>
    public static Dictionary<string, IReadOnlyList<string>> FromStored(IEnumerable<LeadFieldDto> values) =>
        values.Where(v => v.Value is not null).ToDictionary(v => v.Name, v => v.Type == Data.FieldType.MultiSelect
            ? FieldOptions.Read(v.Value)
            : (IReadOnlyList<string>)[v.Value!]);

    public static LeadInput ToInput(LeadForm form, Guid? contactId, Guid? trackerId, Dictionary<string, JsonNode?> fields) => new()
    {
        Title = form.Title,
        Description = form.Description,
        Status = string.IsNullOrEmpty(form.Status) ? null : form.Status,
        EstimatedValue = form.EstimatedValue,
        ExpectedCloseDate = form.ExpectedCloseDate,
        ContactId = contactId,
        TrackerId = trackerId,
        AssignedToId = form.AssignedToId,
        Fields = fields,
    };
}
