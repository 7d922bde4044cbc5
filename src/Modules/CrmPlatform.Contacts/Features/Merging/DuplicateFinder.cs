using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Contacts.Features.Merging;

public sealed record DuplicateSide(Guid Id, string Name, string EmailId, string ContactNo, string? Company, DateTime CreatedAt);

public sealed record DuplicatePair(DuplicateSide First, DuplicateSide Second, string Reason, double Score);

/// <summary>
/// Likely duplicates among the visible, active contacts. Email and phone are unique over every row, so exact matches
/// cannot exist; what is found is (a) the same mailbox written differently (<c>a.b+x@gmail.com</c> vs
/// <c>ab@gmail.com</c>: dots and +tags ignored in the local part) and (b) very similar names (Jaro-Winkler ≥ 0.92 on
/// the normalised name) — both within one company. Contacts are read in (normalised company, id) order, which an index
/// serves, and compared only within their company group (capped), so a page costs groups × cap², never n².
/// The cursor is the company the next page starts at.
/// </summary>
public sealed class DuplicateFinder(ContactAccess access)
{
    public const double Threshold = 0.92;
    public const int GroupCap = 200;
    private const int ReadChunk = 2000;

    public async Task<CursorPage<DuplicatePair>> FindAsync(string? cursor, int? limit, CancellationToken ct)
    {
        var pageSize = Cursor.ClampLimit(limit);
        Cursor.TryDecode<string>(cursor, out var startCompany);
        var visible = (await access.VisibleAsync(false, ct)).AsNoTracking().Where(c => c.NormalizedCompany != "");
        var pairs = new List<DuplicatePair>();
        var from = startCompany ?? "";
        var inclusive = true;
        while (pairs.Count < pageSize)
        {
            var lower = from;
            var chunk = await (inclusive
                    ? visible.Where(c => string.Compare(c.NormalizedCompany, lower) >= 0)
                    : visible.Where(c => string.Compare(c.NormalizedCompany, lower) > 0))
                .OrderBy(c => c.NormalizedCompany).ThenBy(c => c.Id)
                .Select(c => new { c.NormalizedCompany, Side = new DuplicateSide(c.Id, c.Name, c.EmailId, c.ContactNo, c.Company, c.CreatedAt), c.NormalizedName })
                .Take(ReadChunk)
                .ToListAsync(ct);
            if (chunk.Count == 0)
            {
                return new CursorPage<DuplicatePair>(pairs, null);
            }
            var groups = chunk.GroupBy(c => c.NormalizedCompany).ToList();
            // The last group may continue past the chunk; unless it is the only one, read it again from its start next time.
            var complete = chunk.Count < ReadChunk || groups.Count == 1 ? groups : groups.SkipLast(1).ToList();
            foreach (var group in complete)
            {
                var members = group.Take(GroupCap).ToList();
                for (var i = 0; i < members.Count; i++)
                {
                    for (var j = i + 1; j < members.Count; j++)
                    {
                        if (Compare(members[i].NormalizedName, members[i].Side.EmailId, members[j].NormalizedName, members[j].Side.EmailId) is { } match)
                        {
                            pairs.Add(new DuplicatePair(members[i].Side, members[j].Side, match.Reason, match.Score));
                        }
                    }
                }
                from = group.Key;
                inclusive = false;
                if (pairs.Count >= pageSize)
                {
                    break;
                }
            }
            if (groups.Count == 1 && chunk.Count == ReadChunk)
            {
                // One company larger than a chunk: its first GroupCap members were compared; move past it.
                from = groups[0].Key;
                inclusive = false;
            }
        }
        return new CursorPage<DuplicatePair>(pairs, Cursor.Encode(from));
    }

    internal static (string Reason, double Score)? Compare(string nameA, string emailA, string nameB, string emailB)
    {
        if (MailboxKey(emailA) == MailboxKey(emailB))
        {
            return ("Same mailbox", 1.0);
        }
        var score = JaroWinkler(nameA, nameB);
        return score >= Threshold ? ("Similar name", Math.Round(score, 3)) : null;
    }

    /// <summary>The local part without dots and +tag, and the domain: how most providers route mail.</summary>
    internal static string MailboxKey(string email)
    {
        var at = email.LastIndexOf('@');
        if (at < 0)
        {
            return email;
        }
        var local = email[..at];
        var plus = local.IndexOf('+');
        if (plus >= 0)
        {
            local = local[..plus];
        }
        return local.Replace(".", "", StringComparison.Ordinal) + email[at..];
    }

    internal static double JaroWinkler(string a, string b)
    {
        if (a == b)
        {
            return 1;
        }
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }
        var window = Math.Max(0, Math.Max(a.Length, b.Length) / 2 - 1);
        var aMatched = new bool[a.Length];
        var bMatched = new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = Math.Max(0, i - window); j < Math.Min(b.Length, i + window + 1); j++)
            {
                if (!bMatched[j] && a[i] == b[j])
                {
                    aMatched[i] = bMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0)
        {
            return 0;
        }
        var transpositions = 0;
        for (int i = 0, k = 0; i < a.Length; i++)
        {
            if (!aMatched[i])
            {
                continue;
            }
            while (!bMatched[k])
            {
                k++;
            }
            if (a[i] != b[k])
            {
                transpositions++;
            }
            k++;
        }
        double m = matches;
        var jaro = (m / a.Length + m / b.Length + (m - transpositions / 2.0) / m) / 3;
        var prefix = 0;
        while (prefix < Math.Min(4, Math.Min(a.Length, b.Length)) && a[prefix] == b[prefix])
        {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1 - jaro);
    }
}
