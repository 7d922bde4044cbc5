using System.ComponentModel.DataAnnotations;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Contacts.Features;

public sealed class NoteInput
{
    [Required(ErrorMessage = "Write the note."), StringLength(ContactNote.ContentMaxLength)]
    public string? Content { get; set; }
}

public sealed record NoteDto(Guid Id, Guid ContactId, string Content, string? AttachmentName, Guid? CreatedById, string? CreatedByName, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record AttachmentFile(Stream Content, string FileName, string ContentType);

/// <summary>Notes on a contact, with an optional attachment kept in the file store. Every call checks the contact is in scope.</summary>
public sealed class NoteCommands(CrmDbContext db, ContactAccess access, IFileStore files)
{
    public async Task<IReadOnlyList<NoteDto>?> ListAsync(Guid contactId, CancellationToken ct)
    {
        if (!await access.IsVisibleAsync(contactId, ct))
        {
            return null;
        }
        return await Notes(contactId).OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Select(Projection).ToListAsync(ct);
    }

    public async Task<Result<NoteDto>> AddAsync(Guid contactId, NoteInput input, AttachmentUpload? upload, CancellationToken ct)
    {
        if (!await access.IsVisibleAsync(contactId, ct))
        {
            return Result<NoteDto>.NotFound();
        }
        var errors = await ValidateAsync(input, upload, ct);
        if (errors.Count > 0)
        {
            return Result<NoteDto>.Invalid(errors);
        }
        var note = new ContactNote { ContactId = contactId, Content = input.Content!.Trim(), CreatedById = access.UserId };
        var stored = await StoreAsync(note, upload, ct);
        db.Add(note);
        db.Raise(new NoteAdded(note.Id, contactId, note.Content, note.AttachmentUrl is not null, note.CreatedById));
        return await SaveAsync(note, stored, ct);
    }

    public async Task<Result<NoteDto>> UpdateAsync(Guid contactId, Guid noteId, NoteInput input, AttachmentUpload? upload, CancellationToken ct)
    {
        var note = await FindAsync(contactId, noteId, ct);
        if (note is null)
        {
            return Result<NoteDto>.NotFound();
        }
        var errors = await ValidateAsync(input, upload, ct);
        if (errors.Count > 0)
        {
            return Result<NoteDto>.Invalid(errors);
        }
        note.Content = input.Content!.Trim();
        var previous = note.AttachmentUrl;
        var stored = await StoreAsync(note, upload, ct);
        var result = await SaveAsync(note, stored, ct);
        if (stored is not null && previous is not null)
        {
            await files.DeleteAsync(previous, ct);
        }
        return result;
    }

    public async Task<Result<bool>> DeleteAsync(Guid contactId, Guid noteId, CancellationToken ct)
    {
        var note = await FindAsync(contactId, noteId, ct);
        if (note is null)
        {
            return Result<bool>.NotFound();
        }
        db.Remove(note);
        await db.SaveChangesAsync(ct);
        if (note.AttachmentUrl is not null)
        {
            await files.DeleteAsync(note.AttachmentUrl, ct);
        }
        return Result<bool>.Ok(true);
    }

    /// <summary>The note's file, for a user who may see the contact; null otherwise (answered as 404).</summary>
    public async Task<AttachmentFile?> OpenAttachmentAsync(Guid contactId, Guid noteId, CancellationToken ct)
    {
        var note = await FindAsync(contactId, noteId, ct);
        if (note?.AttachmentUrl is null)
        {
            return null;
        }
        var stream = await files.OpenReadAsync(note.AttachmentUrl, ct);
        var name = note.AttachmentName ?? "attachment";
        return stream is null ? null : new AttachmentFile(stream, name, AttachmentRules.ContentTypeOf(name));
    }

    private async Task<ContactNote?> FindAsync(Guid contactId, Guid noteId, CancellationToken ct) =>
        await access.IsVisibleAsync(contactId, ct)
            ? await db.Set<ContactNote>().FirstOrDefaultAsync(n => n.Id == noteId && n.ContactId == contactId, ct)
            : null;

    private static async Task<Dictionary<string, string[]>> ValidateAsync(NoteInput input, AttachmentUpload? upload, CancellationToken ct)
    {
        var errors = RequestValidator.Validate(input);
        if (!errors.ContainsKey(nameof(input.Content)) && string.IsNullOrWhiteSpace(input.Content))
        {
            errors[nameof(input.Content)] = ["Write the note."];
        }
        if (upload is not null && await AttachmentRules.CheckAsync(upload, ct) is { } problem)
        {
            errors["Attachment"] = [problem];
        }
        return errors;
    }

    private async Task<string?> StoreAsync(ContactNote note, AttachmentUpload? upload, CancellationToken ct)
    {
        if (upload is null)
        {
            return null;
        }
        var key = $"contacts/{note.ContactId:N}/{Guid.CreateVersion7():N}";
        await using (var stream = upload.OpenReadStream())
        {
            await files.SaveAsync(key, stream, ct);
        }
        note.AttachmentUrl = key;
        note.AttachmentName = AttachmentRules.CleanName(upload.FileName);
        return key;
    }

    private async Task<Result<NoteDto>> SaveAsync(ContactNote note, string? storedKey, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            // The row was not written: do not leave its file behind.
            if (storedKey is not null)
            {
                await files.DeleteAsync(storedKey, CancellationToken.None);
            }
            throw;
        }
        return Result<NoteDto>.Ok(await Notes(note.ContactId).Where(n => n.Id == note.Id).Select(Projection).FirstAsync(ct));
    }

    private IQueryable<ContactNote> Notes(Guid contactId) => db.Set<ContactNote>().AsNoTracking().Where(n => n.ContactId == contactId);

    private static readonly System.Linq.Expressions.Expression<Func<ContactNote, NoteDto>> Projection = n => new NoteDto(
        n.Id, n.ContactId, n.Content, n.AttachmentName, n.CreatedById,
        n.CreatedBy == null ? null : n.CreatedBy.FirstName + " " + n.CreatedBy.LastName, n.CreatedAt, n.UpdatedAt);
}
