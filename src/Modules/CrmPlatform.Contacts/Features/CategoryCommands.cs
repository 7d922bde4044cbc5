using System.ComponentModel.DataAnnotations;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Contacts.Features;

public sealed class CategoryInput
{
    [Required(ErrorMessage = "Enter a name."), StringLength(ContactCategory.NameMaxLength)]
    public string? Name { get; set; }

    [StringLength(ContactCategory.DescriptionMaxLength)]
    public string? Description { get; set; }

    public bool IsActive { get; set; } = true;
}

public sealed record CategoryOption(Guid Id, string Name, bool IsActive);

public sealed record CategoryDto(Guid Id, string Name, string? Description, bool IsActive, int ContactCount, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>Contact categories: names unique whatever their case; a category still used by contacts cannot be deleted.</summary>
public sealed class CategoryCommands(CrmDbContext db)
{
    public async Task<IReadOnlyList<CategoryDto>> ListAsync(bool activeOnly, CancellationToken ct)
    {
        var categories = db.Set<ContactCategory>().AsNoTracking().Where(c => !activeOnly || c.IsActive);
        return await categories.OrderBy(c => c.NormalizedName)
            .Select(c => new CategoryDto(c.Id, c.Name, c.Description, c.IsActive, db.Set<Contact>().Count(x => x.CategoryId == c.Id), c.CreatedAt, c.UpdatedAt))
            .ToListAsync(ct);
    }

    /// <summary>Names for pickers and filters, without the per-category contact counts (cheap with a million contacts).</summary>
    public async Task<IReadOnlyList<CategoryOption>> OptionsAsync(CancellationToken ct) =>
        await db.Set<ContactCategory>().AsNoTracking().OrderBy(c => c.NormalizedName)
            .Select(c => new CategoryOption(c.Id, c.Name, c.IsActive)).ToListAsync(ct);

    public async Task<CategoryDto?> GetAsync(Guid id, CancellationToken ct) =>
        await db.Set<ContactCategory>().AsNoTracking().Where(c => c.Id == id)
            .Select(c => new CategoryDto(c.Id, c.Name, c.Description, c.IsActive, db.Set<Contact>().Count(x => x.CategoryId == c.Id), c.CreatedAt, c.UpdatedAt))
            .FirstOrDefaultAsync(ct);

    public async Task<Result<CategoryDto>> CreateAsync(CategoryInput input, CancellationToken ct)
    {
        var errors = await ValidateAsync(input, null, ct);
        if (errors.Count > 0)
        {
            return Result<CategoryDto>.Invalid(errors);
        }
        var category = new ContactCategory();
        Apply(input, category);
        db.Add(category);
        return await SaveAsync(category.Id, ct);
    }

    public async Task<Result<CategoryDto>> UpdateAsync(Guid id, CategoryInput input, CancellationToken ct)
    {
        var category = await db.Set<ContactCategory>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (category is null)
        {
            return Result<CategoryDto>.NotFound();
        }
        var errors = await ValidateAsync(input, id, ct);
        if (errors.Count > 0)
        {
            return Result<CategoryDto>.Invalid(errors);
        }
        Apply(input, category);
        return await SaveAsync(id, ct);
    }

    public async Task<Result<CategoryDto>> SetActiveAsync(Guid id, bool active, CancellationToken ct)
    {
        var category = await db.Set<ContactCategory>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (category is null)
        {
            return Result<CategoryDto>.NotFound();
        }
        category.IsActive = active;
        return await SaveAsync(id, ct);
    }

    public async Task<Result<bool>> DeleteAsync(Guid id, CancellationToken ct)
    {
        var category = await db.Set<ContactCategory>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (category is null)
        {
            return Result<bool>.NotFound();
        }
        // Deleted contacts count too: they can be restored, and the foreign key still points at the category.
        var used = await db.Set<Contact>().IgnoreQueryFilters().CountAsync(c => c.CategoryId == id, ct);
        if (used > 0)
        {
            return Result<bool>.Conflict("category", $"'{category.Name}' is used by {used} contact(s) and cannot be deleted; deactivate it instead, or move its contacts to another category first.");
        }
        db.Remove(category);
        await db.SaveChangesAsync(ct);
        return Result<bool>.Ok(true);
    }

    private async Task<Dictionary<string, string[]>> ValidateAsync(CategoryInput input, Guid? id, CancellationToken ct)
    {
        var errors = RequestValidator.Validate(input);
        if (errors.Count == 0 && string.IsNullOrWhiteSpace(input.Name))
        {
            errors[nameof(input.Name)] = ["Enter a name."];
        }
        if (errors.Count == 0)
        {
            var normalized = ContactCategory.Normalize(input.Name!);
            var holder = await db.Set<ContactCategory>().AsNoTracking().FirstOrDefaultAsync(c => c.NormalizedName == normalized && c.Id != id, ct);
            if (holder is not null)
            {
                errors[nameof(input.Name)] = [$"A category named '{holder.Name}' already exists (names are compared without regard to case)."];
            }
        }
        return errors;
    }

    private static void Apply(CategoryInput input, ContactCategory category)
    {
        category.Name = input.Name!.Trim();
        category.NormalizedName = ContactCategory.Normalize(input.Name);
        category.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        category.IsActive = input.IsActive;
    }

    private async Task<Result<CategoryDto>> SaveAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ContactFieldRules.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return Result<CategoryDto>.Conflict(nameof(CategoryInput.Name), "A category with this name was saved at the same time.");
        }
        return Result<CategoryDto>.Ok((await GetAsync(id, ct))!);
    }
}
