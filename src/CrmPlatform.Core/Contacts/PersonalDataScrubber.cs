using System.Text.Json;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Core.Contacts;

/// <summary>
/// Helpers for <see cref="IContactDataParticipant.EraseAsync"/>: the audit log keeps old and new values of every
/// audited change, so erasing a row's personal fields must also blank the history of that row.
/// </summary>
public static class PersonalDataScrubber
{
    /// <summary>The JSON shape of export documents (camelCase, enums as snake_case names), the API's.</summary>
    public static readonly JsonSerializerOptions ExportJson = CreateExportJson();

    /// <summary>What an erased value reads as.</summary>
    public const string Erased = "[erased]";

    /// <summary>Replaces the recorded changes of the given rows (entity type name = CLR class name) with a marker.</summary>
    public static async Task ScrubAuditAsync(CrmDbContext db, string entityType, IEnumerable<Guid> ids, CancellationToken ct)
    {
        foreach (var chunk in ids.Select(id => id.ToString()).Chunk(500))
        {
            await db.AuditLog.Where(a => a.EntityType == entityType && chunk.Contains(a.EntityId))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Changes, "{\"erased\":true}"), ct);
        }
    }

    private static JsonSerializerOptions CreateExportJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
        Hosting.CrmServiceCollectionExtensions.ConfigureJson(options);
        return options;
    }
}
