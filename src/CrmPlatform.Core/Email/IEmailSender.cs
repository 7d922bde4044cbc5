using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using MimeKit;

namespace CrmPlatform.Core.Email;

/// <summary>An email to send. <see cref="HtmlBody"/> or <see cref="TextBody"/> (or both) must be set.</summary>
public sealed record EmailMessage(string To, string Subject, string? TextBody = null, string? HtmlBody = null)
{
    public string? From { get; init; }
}

/// <summary>
/// Sends email. The kernel's default writes <c>.eml</c> files to a pickup folder (<c>Mail:PickupFolder</c>, else
/// <c>App_Data/mail</c>); the Marketing module replaces it with SMTP when a server is configured.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct = default);
}

internal sealed class PickupFolderEmailSender(IConfiguration configuration, IHostEnvironment environment) : IEmailSender
{
    public string Folder => configuration["Mail:PickupFolder"]
        ?? (configuration["Storage:Root"] is { Length: > 0 } storage ? Path.Combine(storage, "mail") : Path.Combine(environment.ContentRootPath, "App_Data", "mail"));

    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(message.From ?? configuration["Mail:From"] ?? "noreply@crmplatform.local"));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{Guid.CreateVersion7():N}.eml");
        await mime.WriteToAsync(path, ct);
    }
}
