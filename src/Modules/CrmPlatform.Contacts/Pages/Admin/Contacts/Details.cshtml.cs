using CrmPlatform.Contacts.Api;
using CrmPlatform.Contacts.Features;
using CrmPlatform.Core.Display;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Contacts.Pages.Admin.Contacts;

[Authorize(Policy = ContactsPermissions.Names.View)]
public sealed class DetailsModel(ContactQuery query, ContactCommands commands, NoteCommands notes, ActivityCommands activities, SocialLinkCommands links, ContactAccess access, DisplayPartService parts, ContactPrivacy privacy) : PageModel
{
    public ContactDto Contact { get; private set; } = default!;
    public IReadOnlyList<NoteDto> Notes { get; private set; } = [];
    public IReadOnlyList<ActivityDto> Activities { get; private set; } = [];
    public IReadOnlyList<SocialLinkDto> Links { get; private set; } = [];
    public IReadOnlyList<IDisplayPart> Parts { get; private set; } = [];
    public DisplayContext PartContext { get; private set; } = default!;
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public bool CanEdit { get; private set; }
    public bool CanDelete { get; private set; }
    public bool CanPrivacy { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var contact = await query.GetAsync(id, includeDeleted: true, ct);
        if (contact is null)
        {
            return NotFound();
        }
        Contact = contact;
        CanEdit = contact.DeletedAt is null && await access.CanAsync(ContactsPermissions.Edit, ct);
        CanDelete = await access.CanAsync(ContactsPermissions.Delete, ct);
        CanPrivacy = await access.CanAsync(ContactsPermissions.Privacy, ct);
        if (contact.DeletedAt is null)
        {
            Notes = await notes.ListAsync(id, ct) ?? [];
            Activities = await activities.ListAsync(id, ct) ?? [];
            Links = await links.ListAsync(id, ct) ?? [];
            PartContext = new DisplayContext(DisplayTargets.Contact, id, User);
            Parts = await parts.ForAsync(DisplayTargets.Contact, User, ct);
        }
        Zone = await activities.ZoneAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (!await access.CanAsync(ContactsPermissions.Delete, ct))
        {
            return Forbid();
        }
        var result = await commands.DeleteAsync(id, ct);
        if (!result.Succeeded)
        {
            return NotFound();
        }
        TempData["Status"] = $"{result.Value!.Name} was deleted. You can restore it from its page or from Deleted contacts.";
        return Redirect("/admin/contacts");
    }

    public async Task<IActionResult> OnGetPrivacyExportAsync(Guid id, CancellationToken ct)
    {
        if (!await access.CanAsync(ContactsPermissions.Privacy, ct))
        {
            return Forbid();
        }
        var result = await privacy.ExportAsync(id, ct);
        if (!result.Succeeded)
        {
            return NotFound();
        }
        Response.Headers.CacheControl = "private, no-store";
        return File(System.Text.Encoding.UTF8.GetBytes(result.Value!.ToJsonString(Core.Contacts.PersonalDataScrubber.ExportJson)), "application/json", $"contact-{id}.json");
    }

    public async Task<IActionResult> OnPostEraseAsync(Guid id, CancellationToken ct)
    {
        if (!await access.CanAsync(ContactsPermissions.Privacy, ct))
        {
            return Forbid();
        }
        var result = await privacy.EraseAsync(id, ct);
        if (!result.Succeeded)
        {
            return NotFound();
        }
        TempData["Status"] = "The contact's personal data was erased. Counts and reports keep the anonymised rows.";
        return Redirect($"/admin/contacts/{id}");
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid id, CancellationToken ct)
    {
        if (!await access.CanAsync(ContactsPermissions.Delete, ct))
        {
            return Forbid();
        }
        var result = await commands.RestoreAsync(id, ct);
        if (!result.Succeeded)
        {
            return NotFound();
        }
        TempData["Status"] = $"{result.Value!.Name} was restored.";
        return Redirect($"/admin/contacts/{id}");
    }

    public async Task<IActionResult> OnGetAttachmentAsync(Guid id, Guid noteId, CancellationToken ct)
    {
        var file = await notes.OpenAttachmentAsync(id, noteId, ct);
        if (file is null)
        {
            return NotFound();
        }
        AttachmentHeaders.Apply(Response);
        return File(file.Content, file.ContentType, file.FileName);
    }

    public string Local(DateTime? utc) => utc is { } value ? TimeZoneInfo.ConvertTimeFromUtc(value, Zone).ToString("yyyy-MM-dd HH:mm") : "";

    public string LocalInput(DateTime? utc) => utc is { } value ? TimeZoneInfo.ConvertTimeFromUtc(value, Zone).ToString("yyyy-MM-ddTHH:mm") : "";
}
