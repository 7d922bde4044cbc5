using System.Text.Json;
using System.Text.Json.Nodes;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Data;
using CrmPlatform.Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Marketing.Features;

/// <summary>
/// In a contact merge the merged contact's messages move to the survivor (the survivor may then hold two messages of
/// one campaign: both were really sent), and an opt-out of either contact stays an opt-out of the survivor.
/// </summary>
internal sealed class MessagesMergeParticipant : IContactMergeParticipant
{
    public string Title => "Marketing messages";

    public Task<int> CountAsync(CrmDbContext db, Guid contactId, CancellationToken ct) =>
        db.Set<MarketingMessage>().CountAsync(m => m.ContactId == contactId, ct);

    public async Task MoveAsync(CrmDbContext db, Guid fromContactId, Guid toContactId, CancellationToken ct)
    {
        await db.Set<MarketingMessage>().Where(m => m.ContactId == fromContactId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ContactId, toContactId), ct);
        var optOut = await db.Set<MarketingUnsubscribe>().FirstOrDefaultAsync(u => u.ContactId == fromContactId, ct);
        if (optOut is not null)
        {
            if (await db.Set<MarketingUnsubscribe>().AnyAsync(u => u.ContactId == toContactId, ct))
            {
                db.Remove(optOut);
            }
            else
            {
                optOut.ContactId = toContactId;
            }
            await db.SaveChangesAsync(ct);
        }
    }
}

/// <summary>
/// The contact's part in a data-subject request: export lists every message (campaign, channel, address, status and
/// times) and the opt-out; erase clears the recipient address and the error text (which may quote the address) of each
/// message while keeping the rows, so campaign counters stay true. The opt-out is kept: erasing it would let the next
/// campaign write to the person again.
/// </summary>
internal sealed class MessagesDataParticipant : IContactDataParticipant
{
    public string Section => "marketing";

    public async Task<JsonNode?> ExportAsync(CrmDbContext db, Guid contactId, CancellationToken ct)
    {
        var messages = await new CampaignQueries(db).ForContactAsync(contactId, int.MaxValue, ct);
        var optOut = await db.Set<MarketingUnsubscribe>().AsNoTracking().Where(u => u.ContactId == contactId)
            .Select(u => new { u.CreatedAt, u.Source, u.CampaignId }).FirstOrDefaultAsync(ct);
        if (messages.Count == 0 && optOut is null)
        {
            return null;
        }
        return JsonSerializer.SerializeToNode(new { messages, unsubscribed = optOut }, Json);
    }

    public async Task<IReadOnlyList<string>> EraseAsync(CrmDbContext db, Guid contactId, CancellationToken ct)
    {
        var messages = await db.Set<MarketingMessage>().Where(m => m.ContactId == contactId).ToListAsync(ct);
        foreach (var message in messages)
        {
            message.Recipient = null;
            message.ErrorMessage = message.ErrorMessage is null ? null : "(erased)";
        }
        return [];
    }

    private static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        CrmPlatform.Core.Hosting.CrmServiceCollectionExtensions.ConfigureJson(options);
        return options;
    }
}
