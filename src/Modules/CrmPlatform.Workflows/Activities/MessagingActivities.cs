using CrmPlatform.Core.Email;
using CrmPlatform.Core.Workflows;
using CrmPlatform.Workflows.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Workflows.Activities;

/// <summary>Writes an in-app notification for a user (shown under Workflows → Notifications and on the user's dashboard list).</summary>
internal sealed class NotifyUserTask(TimeProvider clock) : IWorkflowTask
{
    public ActivityDescriptor Descriptor { get; } = new("NotifyUser", "Notify a user", "Notifications", WorkflowsModule.ModuleId, ActivityKind.Task)
    {
        Description = "Adds an in-app notification for a user, found by email or id.",
        Properties =
        [
            new("User", "User (email or id)", ActivityPropertyType.Liquid, Required: true),
            new("Title", "Title", ActivityPropertyType.Liquid, Required: true),
            new("Body", "Message", ActivityPropertyType.Liquid),
        ],
        Outcomes = ["Done", "UserNotFound"],
    };

    public async Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct)
    {
        var who = (await context.GetTextAsync("User", ct)).Trim();
        var normalized = who.ToUpperInvariant();
        var userId = Guid.TryParse(who, out var id)
            ? await context.Db.Users.Where(u => u.Id == id).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct)
            : await context.Db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        if (userId is null)
        {
            context.Log($"No user '{who}'.");
            return ActivityResult.Outcome("UserNotFound");
        }
        context.Db.Set<WorkflowNotification>().Add(new WorkflowNotification
        {
            UserId = userId.Value,
            Title = Truncate(await context.GetTextAsync("Title", ct), 500),
            Body = Truncate(await context.GetTextAsync("Body", ct), 4000),
            InstanceId = context.InstanceId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        return ActivityResult.Done();
    }

    private static string Truncate(string value, int max) => value.Length > max ? value[..max] : value;
}

internal sealed class SendEmailTask(IEmailSender sender, IWorkflowExpressions expressions) : IWorkflowTask
{
    public ActivityDescriptor Descriptor { get; } = new("SendEmail", "Send email", "Notifications", WorkflowsModule.ModuleId, ActivityKind.Task)
    {
        Description = "Sends an email rendered from Liquid templates. Outcomes: Done, NoRecipient (To is empty or names no user).",
        Properties =
        [
            new("To", "To (email, or a user's id)", ActivityPropertyType.Liquid, Required: true) { Description = "e.g. {{ Event.Email }}, or {{ Event.AssignedToId }} for that user's address." },
            new("Subject", "Subject", ActivityPropertyType.Liquid, Required: true),
            new("Body", "Body", ActivityPropertyType.Liquid, Required: true),
            new("Html", "Body is HTML", ActivityPropertyType.Boolean) { Default = "false" },
        ],
        Outcomes = ["Done", "NoRecipient"],
    };

    public async Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct)
    {
        var to = (await context.GetTextAsync("To", ct)).Trim();
        if (Guid.TryParse(to, out var userId))
        {
            // A user's id (an assignee, a creator): their current address.
            to = await context.Db.Users.Where(u => u.Id == userId && u.IsActive).Select(u => u.Email).FirstOrDefaultAsync(ct) ?? "";
        }
        if (to.Length == 0)
        {
            context.Log("No recipient: To is empty or names no active user.");
            return ActivityResult.Outcome("NoRecipient");
        }
        var html = bool.TryParse(context.GetRaw("Html"), out var h) && h;
        // In an HTML body the values are encoded, so event data cannot inject markup.
        var body = await expressions.RenderLiquidAsync(context.GetRaw("Body") ?? "", new ExpressionScope(context.Event, context.Variables, context.InstanceId, context.CorrelationId), html, ct);
        await sender.SendAsync(new EmailMessage(to, await context.GetTextAsync("Subject", ct), html ? null : body, html ? body : null), ct);
        context.Log($"Email sent to {to}.");
        return ActivityResult.Done();
    }
}
