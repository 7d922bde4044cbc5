using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace CrmPlatform.Core.Api;

/// <summary>One page of a keyset-paged list; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record CursorPage<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Opaque cursors for keyset paging: the sort key values of the last row, as base64url JSON. A cursor that does not
/// decode is a client error (400), never a server error.
/// </summary>
public static class Cursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static string Encode<T>(T value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));

    public static bool TryDecode<T>(string? cursor, out T? value)
    {
        value = default;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }
        if (cursor.Length > 1024)
        {
            return false;
        }
        try
        {
            var bytes = Base64Url.DecodeFromChars(cursor);
            value = JsonSerializer.Deserialize<T>(Encoding.UTF8.GetString(bytes));
            return value is not null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return false;
        }
    }

    public static int ClampLimit(int? limit) => limit is null or < 1 ? DefaultLimit : Math.Min(limit.Value, MaxLimit);
}
