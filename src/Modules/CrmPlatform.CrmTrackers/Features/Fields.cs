using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.CrmTrackers.Features;

public sealed class FieldInput
{
    [Required(ErrorMessage = "Name is required.")]
    [StringLength(CrmField.NameMaxLength, ErrorMessage = "Name must be at most 100 characters.")]
    [RegularExpression("^[a-z][a-z0-9_]*$", ErrorMessage = "Name must start with a letter and use only lower-case letters, digits and underscores.")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Label is required.")]
    [StringLength(CrmField.LabelMaxLength, ErrorMessage = "Label must be at most 200 characters.")]
    public string? Label { get; set; }

    /// <summary>text, number, email, phone, date, select, multi_select, textarea or boolean.</summary>
    [Required(ErrorMessage = "Type is required.")]
    public string? Type { get; set; }

    public bool IsRequired { get; set; }

    /// <summary>For select types: a JSON array of distinct, non-empty strings.</summary>
    public JsonNode? Options { get; set; }

    [StringLength(CrmField.TextMaxLength)] public string? Placeholder { get; set; }
    [StringLength(CrmField.TextMaxLength)] public string? HelpText { get; set; }
}

/// <summary>
/// A tracker's custom fields. A change that would orphan stored values is refused: the type cannot change while
/// values exist, and an option cannot be removed while a lead uses it.
/// </summary>
internal sealed class Fields(CrmDbContext db)
{
    public async Task<IReadOnlyList<FieldDto>?> ListAsync(Guid trackerId, CancellationToken ct)
    {
        if (!await db.Trackers().AnyAsync(t => t.Id == trackerId, ct))
        {
            return null;
        }
        var fields = await db.Fields().AsNoTracking().Where(f => f.TrackerId == trackerId).OrderBy(f => f.SortOrder).ThenBy(f => f.Name).ToListAsync(ct);
        return [.. fields.Select(FieldDto.From)];
    }

    public async Task<Result<FieldDto>> CreateAsync(Guid trackerId, FieldInput input, CancellationToken ct)
    {
        if (!await db.Trackers().AnyAsync(t => t.Id == trackerId, ct))
        {
            return Result<FieldDto>.NotFound();
        }
        var field = new CrmField { TrackerId = trackerId };
        var errors = await CheckAsync(field, input, ct);
        if (errors.Count > 0)
        {
            return Result<FieldDto>.Invalid(errors);
        }
        field.SortOrder = (await db.Fields().Where(f => f.TrackerId == trackerId).MaxAsync(f => (int?)f.SortOrder, ct) ?? -1) + 1;
        db.Fields().Add(field);
        await db.SaveChangesAsync(ct);
        return Result<FieldDto>.Ok(FieldDto.From(field));
    }

    public async Task<Result<FieldDto>> UpdateAsync(Guid trackerId, Guid fieldId, FieldInput input, CancellationToken ct)
    {
        var field = await db.Fields().FirstOrDefaultAsync(f => f.Id == fieldId && f.TrackerId == trackerId, ct);
        if (field is null)
        {
            return Result<FieldDto>.NotFound();
        }
        var errors = await CheckAsync(field, input, ct);
        if (errors.Count > 0)
        {
            return Result<FieldDto>.Invalid(errors);
        }
        await db.SaveChangesAsync(ct);
        return Result<FieldDto>.Ok(FieldDto.From(field));
    }

    public async Task<bool> DeleteAsync(Guid trackerId, Guid fieldId, CancellationToken ct)
    {
        var field = await db.Fields().FirstOrDefaultAsync(f => f.Id == fieldId && f.TrackerId == trackerId, ct);
        if (field is null)
        {
            return false;
        }
        db.Fields().Remove(field);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Sets the order to <paramref name="fieldIds"/>, which must list each of the tracker's fields once.</summary>
    public async Task<Result<IReadOnlyList<FieldDto>>> ReorderAsync(Guid trackerId, IReadOnlyList<Guid>? fieldIds, CancellationToken ct)
    {
        if (!await db.Trackers().AnyAsync(t => t.Id == trackerId, ct))
        {
            return Result<IReadOnlyList<FieldDto>>.NotFound();
        }
        var fields = await db.Fields().Where(f => f.TrackerId == trackerId).ToListAsync(ct);
        if (fieldIds is null || fieldIds.Count != fields.Count || fieldIds.Distinct().Count() != fields.Count || fieldIds.Any(id => fields.All(f => f.Id != id)))
        {
            return Result<IReadOnlyList<FieldDto>>.Invalid("fieldIds", "List every field of this tracker exactly once, in the new order.");
        }
        for (var i = 0; i < fieldIds.Count; i++)
        {
            fields.First(f => f.Id == fieldIds[i]).SortOrder = i;
        }
        await db.SaveChangesAsync(ct);
        return Result<IReadOnlyList<FieldDto>>.Ok([.. fields.OrderBy(f => f.SortOrder).Select(FieldDto.From)]);
    }

    /// <summary>The keyboard fallback of drag and drop: swaps a field with its neighbour.</summary>
    public async Task<Result<IReadOnlyList<FieldDto>>> MoveAsync(Guid trackerId, Guid fieldId, bool up, CancellationToken ct)
    {
        var ids = await db.Fields().Where(f => f.TrackerId == trackerId).OrderBy(f => f.SortOrder).ThenBy(f => f.Name).Select(f => f.Id).ToListAsync(ct);
        var index = ids.IndexOf(fieldId);
        if (index < 0)
        {
            return Result<IReadOnlyList<FieldDto>>.NotFound();
        }
        var other = up ? index - 1 : index + 1;
        if (other >= 0 && other < ids.Count)
        {
            (ids[index], ids[other]) = (ids[other], ids[index]);
        }
        return await ReorderAsync(trackerId, ids, ct);
    }

    private async Task<Dictionary<string, string[]>> CheckAsync(CrmField field, FieldInput input, CancellationToken ct)
    {
        var errors = Errors.Of(input);
        if (input.Type is not null && !EnumNames.TryParse<FieldType>(input.Type, out _))
        {
            errors["type"] = [$"'{input.Type}' is not a field type ({string.Join(", ", EnumNames.All<FieldType>())})."];
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        var type = EnumNames.TryParse<FieldType>(input.Type, out var parsed) ? parsed : FieldType.Text;
        var (options, optionsError) = FieldOptions.Validate(type, input.Options);
        if (optionsError is not null)
        {
            errors["options"] = [optionsError];
        }
        var name = input.Name!.Trim();
        if (await db.Fields().AnyAsync(f => f.TrackerId == field.TrackerId && f.Name == name && f.Id != field.Id, ct))
        {
            errors["name"] = [$"This tracker already has a field named '{name}'."];
        }
        var exists = db.Entry(field).State != EntityState.Detached;
        if (exists && errors.Count == 0)
        {
            await CheckStoredValuesAsync(field, type, options, errors, ct);
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        field.Name = name;
        field.Label = input.Label!.Trim();
        field.Type = type;
        field.IsRequired = input.IsRequired;
        field.Options = options;
        field.Placeholder = string.IsNullOrWhiteSpace(input.Placeholder) ? null : input.Placeholder.Trim();
        field.HelpText = string.IsNullOrWhiteSpace(input.HelpText) ? null : input.HelpText.Trim();
        return errors;
    }

    private async Task CheckStoredValuesAsync(CrmField field, FieldType type, string? options, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var values = db.LeadFieldValues().Where(v => v.FieldId == field.Id && v.Value != null);
        if (type != field.Type)
        {
            var count = await values.CountAsync(ct);
            if (count > 0)
            {
                errors["type"] = [$"The type cannot change from {field.Type.ToName()} to {type.ToName()}: {count} lead(s) have a value in this field. Clear those values first, or add a new field."];
            }
            return;
        }
        if (!type.HasOptions())
        {
            return;
        }
        var kept = FieldOptions.Read(options);
        var removed = FieldOptions.Read(field.Options).Where(o => !kept.Contains(o, StringComparer.Ordinal)).ToList();
        var inUse = new List<string>();
        foreach (var option in removed)
        {
            var quoted = JsonSerializer.Serialize(option);
            var used = type == FieldType.Select
                ? await values.AnyAsync(v => v.Value == option, ct)
                : await values.AnyAsync(v => v.Value!.Contains(quoted), ct);
            if (used)
            {
                inUse.Add(option);
            }
        }
        if (inUse.Count > 0)
        {
            errors["options"] = [$"The option(s) {string.Join(", ", inUse.Select(o => $"'{o}'"))} cannot be removed: leads still use them. Change those leads first."];
        }
    }
}
