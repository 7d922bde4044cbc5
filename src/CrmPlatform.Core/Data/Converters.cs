using System.Text;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CrmPlatform.Core.Data;

/// <summary>Every DateTime is UTC in and out, whatever the provider hands back (SQLite gives Unspecified).</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

public sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
    v => v == null ? v : v.Value.Kind == DateTimeKind.Local ? v.Value.ToUniversalTime() : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc),
    v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));

/// <summary>Enum values as the seed writes them: <c>ClosedWon</c> ↔ <c>closed_won</c>.</summary>
public static class EnumNames
{
    public static string ToSnake(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    sb.Append('_');
                }
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    public static string ToSnake<TEnum>(TEnum value) where TEnum : struct, Enum => ToSnake(value.ToString());

    public static IEnumerable<string> All<TEnum>() where TEnum : struct, Enum => Enum.GetNames<TEnum>().Select(ToSnake);

    public static bool TryParse<TEnum>(string? value, out TEnum result) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(ToSnake(candidate.ToString()), value, StringComparison.Ordinal))
            {
                result = candidate;
                return true;
            }
        }
        result = default;
        return false;
    }
}

public sealed class SnakeEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    v => EnumNames.ToSnake(v.ToString()),
    v => Parse(v))
    where TEnum : struct, Enum
{
    private static TEnum Parse(string value) =>
        EnumNames.TryParse<TEnum>(value, out var result) ? result : throw new InvalidOperationException($"'{value}' is not a {typeof(TEnum).Name}.");
}
