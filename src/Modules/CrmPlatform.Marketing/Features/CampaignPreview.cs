using System.Text.RegularExpressions;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Marketing.Data;
using CrmPlatform.Marketing.Sending;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Marketing.Features;

/// <summary>
/// Renders a campaign for one contact (or a sample contact) for the editor's preview, and sends a test message to an
/// address the user gives. Neither creates message rows nor moves counters; links are left untracked.
/// </summary>
public sealed partial class CampaignPreview(CrmDbContext db, MarketingSettingsProvider settings, ChannelRouter channels)
{
    private static readonly MessageLinks PreviewLinks = new("#unsubscribe", null, null);

    public async Task<Result<PreviewDto>> ForCampaignAsync(Guid id, Guid? contactId, CancellationToken ct)
    {
        var campaign = await db.Set<MarketingCampaign>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        return campaign is null ? Result<PreviewDto>.NotFound() : await RenderAsync(campaign.Type, campaign.Name, campaign.Subject, campaign.Content, contactId, ct);
    }

    /// <summary>Renders unsaved editor content; template errors come back as field errors.</summary>
    public async Task<Result<PreviewDto>> RenderAsync(CampaignType type, string? name, string? subject, string? content, Guid? contactId, CancellationToken ct)
    {
        var errors = CampaignTemplates.Validate(subject, content);
        if (errors.Count > 0)
        {
            return Result<PreviewDto>.Invalid(errors);
        }
        var recipient = RecipientData.Sample;
        if (contactId is { } cid)
        {
            if (await RecipientAsync(cid, ct) is not { } found)
            {
                return Result<PreviewDto>.Invalid("ContactId", "That contact does not exist.");
            }
            recipient = found;
        }
        try
        {
            var rendered = await CampaignTemplates.RenderAsync(CampaignTemplates.Compile(type, subject ?? "", content ?? ""), name ?? "", recipient, PreviewLinks);
            return Result<PreviewDto>.Ok(new PreviewDto(rendered.Subject, rendered.Html, rendered.Text));
        }
        catch (TemplateException ex)
        {
            return Result<PreviewDto>.Invalid("Content", ex.Message);
        }
    }

    public async Task<Result<PreviewDto>> TestSendAsync(Guid id, TestSendRequest request, CancellationToken ct)
    {
        var campaign = await db.Set<MarketingCampaign>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        return campaign is null
            ? Result<PreviewDto>.NotFound()
            : await TestSendAsync(campaign.Type, campaign.Name, campaign.Subject, campaign.Content, request, ct);
    }

    /// <summary>Renders the given content (saved or still in the editor) and sends it to the address at once, marked [Test].</summary>
    public async Task<Result<PreviewDto>> TestSendAsync(CampaignType type, string? name, string? subject, string? content, TestSendRequest request, CancellationToken ct)
    {
        var address = request.Address?.Trim() ?? "";
        var addressError = type == CampaignType.Email
            ? (address.Length is 0 or > 254 || !EmailPattern().IsMatch(address) ? "Enter the email address to send the test to." : null)
            : (!PhonePattern().IsMatch(address) ? "Enter the phone number in international format, e.g. +15555550100." : null);
        if (addressError is not null)
        {
            return Result<PreviewDto>.Invalid("Address", addressError);
        }
        var preview = await RenderAsync(type, name, subject, content, request.ContactId, ct);
        if (!preview.Succeeded)
        {
            return preview;
        }
        var rendered = preview.Value!;
        var current = await settings.GetAsync(ct);
        SendOutcome outcome;
        try
        {
            await using var session = channels.Open(type, current);
            outcome = await session.SendAsync(new OutgoingMessage(Guid.CreateVersion7(), type, address,
                new RenderedMessage("[Test] " + rendered.Subject, rendered.Html, rendered.Text), null, null), ct);
        }
        catch (IOException ex)
        {
            outcome = SendOutcome.Fail(ex.Message);
        }
        return outcome.Success ? preview : Result<PreviewDto>.Invalid("Address", $"The test message could not be sent: {outcome.Error}");
    }

    private async Task<RecipientData?> RecipientAsync(Guid contactId, CancellationToken ct) =>
        await db.Set<Contact>().AsNoTracking().Where(c => c.Id == contactId)
            .Select(c => new RecipientData(c.Id, c.Name, c.EmailId, c.ContactNo, c.Location, c.Type == ContactType.Employee ? "employee" : "entrepreneur",
                c.Company, c.Designation, c.Industry, c.Website, c.PersonalityType, c.Category!.Name))
            .FirstOrDefaultAsync(ct);

    [GeneratedRegex(@"^[^@\s<>""]+@[^@\s<>""]+\.[^@\s<>""]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex PhonePattern();
}
