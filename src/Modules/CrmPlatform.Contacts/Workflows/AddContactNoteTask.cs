using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Workflows;

namespace CrmPlatform.Contacts.Workflows;

/// <summary>Adds a note (Liquid text) to a contact, as a user adding it would: a <see cref="NoteAdded"/> event and an audit entry.</summary>
internal sealed class AddContactNoteTask : IWorkflowTask
{
    public const string Name = "AddContactNote";

    public ActivityDescriptor Descriptor { get; } = new(Name, "Add contact note", "Contacts", ContactsModule.ModuleId, ActivityKind.Task)
    {
        Description = "Adds a note to a contact. Outcomes: Done, NotFound (no such contact, or deleted).",
        Properties =
        [
            ContactTaskSupport.ContactIdProperty(),
            new("Text", "Note", ActivityPropertyType.Liquid, Required: true) { Description = "e.g. Welcome {{ Event.Name }}" },
        ],
        Outcomes = ["Done", ContactTaskSupport.NotFound],
    };

    public async Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct)
    {
        var contact = await ContactTaskSupport.FindContactAsync(context, ct);
        if (contact is null)
        {
            return ActivityResult.Outcome(ContactTaskSupport.NotFound);
        }
        var text = (await context.GetTextAsync("Text", ct)).Trim();
        if (text.Length == 0)
        {
            throw new InvalidOperationException("The note is empty once rendered.");
        }
        var note = new ContactNote { ContactId = contact.Id, Content = ContactTaskSupport.Truncate(text, ContactNote.ContentMaxLength) };
        context.Db.Add(note);
        context.Db.Raise(new NoteAdded(note.Id, contact.Id, note.Content, false, null));
        context.Variables["NoteId"] = note.Id.ToString();
        context.Log($"Note added to {contact.Name}.");
        return ActivityResult.Done();
    }
}
