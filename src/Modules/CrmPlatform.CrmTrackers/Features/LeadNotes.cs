using System.ComponentModel.DataAnnotations;
using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.CrmTrackers.Features;

public sealed class LeadNoteInput
{
    [Required(ErrorMessage = "Content is required.")]
    [StringLength(LeadNote.ContentMaxLength, ErrorMessage = "A note must be at most 10000 characters.")]
    public string? Content { get; set; }
}

/// <summary>Notes on a lead the user can see; editing needs Leads.Edit (checked by the caller's policy).</summary>
internal sealed class LeadNotes(CrmDbContext db, LeadAccess access)
{
    public async Task<IReadOnlyList<LeadNoteDto>?> ListAsync(Guid leadId, CancellationToken ct)
    {
        if (await access.FindAsync(leadId, ct) is null)
        {
            return null;
        }
        return await db.LeadNotes().AsNoTracking().Where(n => n.LeadId == leadId).OrderByDescending(n => n.CreatedAt)
            .Select(n => new LeadNoteDto(n.Id, n.Content, n.CreatedById, n.CreatedBy == null ? null : n.CreatedBy.FirstName + " " + n.CreatedBy.LastName, n.CreatedAt, n.UpdatedAt))
            .ToListAsync(ct);
    }

    public async Task<Result<LeadNoteDto>> AddAsync(Guid leadId, LeadNoteInput input, CancellationToken ct)
    {
        if (await access.FindAsync(leadId, ct) is null)
        {
            return Result<LeadNoteDto>.NotFound();
        }
        var errors = Errors.Of(input);
        if (errors.Count > 0 || string.IsNullOrWhiteSpace(input.Content))
        {
            return Result<LeadNoteDto>.Invalid(errors.Count > 0 ? errors : new() { ["content"] = ["Content is required."] });
        }
        var note = new LeadNote { LeadId = leadId, Content = input.Content.Trim(), CreatedById = access.UserId };
        db.LeadNotes().Add(note);
        await db.SaveChangesAsync(ct);
        return Result<LeadNoteDto>.Ok(new LeadNoteDto(note.Id, note.Content, note.CreatedById, null, note.CreatedAt, note.UpdatedAt));
    }

    public async Task<Result<LeadNoteDto>> UpdateAsync(Guid leadId, Guid noteId, LeadNoteInput input, CancellationToken ct)
    {
        var note = await FindAsync(leadId, noteId, ct);
        if (note is null)
        {
            return Result<LeadNoteDto>.NotFound();
        }
        var errors = Errors.Of(input);
        if (errors.Count > 0 || string.IsNullOrWhiteSpace(input.Content))
        {
            return Result<LeadNoteDto>.Invalid(errors.Count > 0 ? errors : new() { ["content"] = ["Content is required."] });
        }
        note.Content = input.Content.Trim();
        await db.SaveChangesAsync(ct);
        return Result<LeadNoteDto>.Ok(new LeadNoteDto(note.Id, note.Content, note.CreatedById, null, note.CreatedAt, note.UpdatedAt));
    }

    public async Task<bool> DeleteAsync(Guid leadId, Guid noteId, CancellationToken ct)
    {
        var note = await FindAsync(leadId, noteId, ct);
        if (note is null)
        {
            return false;
        }
        db.LeadNotes().Remove(note);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<LeadNote?> FindAsync(Guid leadId, Guid noteId, CancellationToken ct) =>
        await access.FindAsync(leadId, ct) is null ? null : await db.LeadNotes().FirstOrDefaultAsync(n => n.Id == noteId && n.LeadId == leadId, ct);
}
