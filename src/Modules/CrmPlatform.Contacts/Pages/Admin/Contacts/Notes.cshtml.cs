using CrmPlatform.Contacts.Features;
using CrmPlatform.Core.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Contacts.Pages.Admin.Contacts;

/// <summary>The note forms of the contact page post here and return to its Notes tab.</summary>
[Authorize(Policy = ContactsPermissions.Names.Edit)]
public sealed class NotesModel(NoteCommands notes) : PageModel
{
    [BindProperty, ValidateNever]
    public NoteInput Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Attachment { get; set; }

    public IActionResult OnGet(Guid id) => Back(id);

    public async Task<IActionResult> OnPostAddAsync(Guid id, CancellationToken ct) =>
        Done(id, ModelState.IsValid ? await notes.AddAsync(id, Input, Upload(), ct) : FormErrors.Unbound<NoteDto>(ModelState), "Note added.");

    public async Task<IActionResult> OnPostUpdateAsync(Guid id, Guid noteId, CancellationToken ct) =>
        Done(id, ModelState.IsValid ? await notes.UpdateAsync(id, noteId, Input, Upload(), ct) : FormErrors.Unbound<NoteDto>(ModelState), "Note saved.");

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid noteId, CancellationToken ct) =>
        Done(id, await notes.DeleteAsync(id, noteId, ct), "Note deleted.");

    private AttachmentUpload? Upload() =>
        Attachment is { } file ? new AttachmentUpload(file.FileName, file.Length, file.OpenReadStream) : null;

    private IActionResult Done<T>(Guid id, Result<T> result, string status)
    {
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            TempData["Status"] = status;
        }
        else
        {
            TempData["Error"] = "The note was not saved: " + FormErrors.Join(result.Errors);
        }
        return Back(id);
    }

    private RedirectResult Back(Guid id) => Redirect($"/admin/contacts/{id}#notes");
}
