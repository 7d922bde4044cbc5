using System.ComponentModel.DataAnnotations;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Contacts.Features;

/// <summary>Search, filters, sort and page of the contact list (query string of the screen and the API alike).</summary>
public sealed class ContactFilter
{
    [StringLength(200)] public string? Q { get; set; }
    public Guid? CategoryId { get; set; }
    [StringLength(32)] public string? Type { get; set; }
    [StringLength(Contact.TextMaxLength)] public string? Location { get; set; }
    [StringLength(Contact.IndustryMaxLength)] public string? Industry { get; set; }
    [StringLength(Contact.IndustryMaxLength)] public string? PersonalityType { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTime? CreatedFrom { get; set; }
    public DateTime? CreatedTo { get; set; }

    /// <summary>Lists deleted contacts instead (users who may delete and restore).</summary>
    public bool Deleted { get; set; }

    /// <summary><c>name</c>, <c>company</c>, <c>location</c>, <c>created</c> or <c>updated</c>; a leading <c>-</c> sorts descending.</summary>
    [StringLength(16)] public string? Sort { get; set; }

    [StringLength(1024)] public string? Cursor { get; set; }
    [Range(1, Core.Api.Cursor.MaxLimit)] public int? Limit { get; set; }
}

/// <summary>
/// The contact list: row scope, search, filters, sort and keyset paging on (sort key, id), each sort key backed by an
/// index so a page costs the same at any depth. Search: text with <c>@</c> matches the start of the email; a phone number
/// (read as E.164) matches the phone exactly or by its start; other text of three characters or more matches anywhere in
/// the name, company or email (a trigram index finds the rows), and shorter text matches their start. CSV export
/// enumerates the same query.
/// </summary>
public sealed class ContactQuery(CrmDbContext db, ContactAccess access, ContactFieldRules rules)
{
    public static readonly IReadOnlyList<string> SortKeys = ["name", "company", "location", "created", "updated"];

    private sealed record Key(string? S, DateTime? D, Guid Id);

    public async Task<Result<CursorPage<ContactDto>>> SearchAsync(ContactFilter filter, CancellationToken ct)
    {
        var built = await BuildAsync(filter, ct);
        if (!built.Succeeded)
        {
            return Result<CursorPage<ContactDto>>.Invalid(built.Errors);
        }
        var (query, sort, descending) = built.Value!;
        if (!Core.Api.Cursor.TryDecode<Key>(filter.Cursor, out var after))
        {
            return Result<CursorPage<ContactDto>>.Invalid("cursor", "The cursor is not valid; start again from the first page.");
        }
        if (after is not null)
        {
            query = After(query, sort, descending, after);
        }
        var limit = Core.Api.Cursor.ClampLimit(filter.Limit);
        var rows = await Order(query, sort, descending).Take(limit + 1).Select(ContactDto.Projection).ToListAsync(ct);
        string? next = null;
        if (rows.Count > limit)
        {
            var last = rows[limit - 1];
            next = Core.Api.Cursor.Encode(sort switch
            {
                "company" => new Key(last.Company?.Trim().ToLowerInvariant() ?? "", null, last.Id),
                "location" => new Key(last.Location, null, last.Id),
                "created" => new Key(null, last.CreatedAt, last.Id),
                "updated" => new Key(null, last.UpdatedAt, last.Id),
                _ => new Key(last.Name.Trim().ToLowerInvariant(), null, last.Id),
            });
            rows.RemoveAt(limit);
        }
        return Result<CursorPage<ContactDto>>.Ok(new CursorPage<ContactDto>(rows, next));
    }

    /// <summary>The filtered, scoped query and its sort (unordered, unpaged), for export and counts.</summary>
    public async Task<Result<(IQueryable<Contact> Query, string Sort, bool Descending)>> BuildAsync(ContactFilter filter, CancellationToken ct)
    {
        var errors = RequestValidator.Validate(filter);
        ContactType? type = null;
        if (!string.IsNullOrWhiteSpace(filter.Type))
        {
            if (EnumNames.TryParse<ContactType>(filter.Type.Trim().ToLowerInvariant(), out var parsed))
            {
                type = parsed;
            }
            else
            {
                errors[nameof(filter.Type)] = ["Type must be entrepreneur or employee."];
            }
        }
        var sortText = string.IsNullOrWhiteSpace(filter.Sort) ? "name" : filter.Sort.Trim().ToLowerInvariant();
        var descending = sortText.StartsWith('-');
        var sort = sortText.TrimStart('-');
        if (!SortKeys.Contains(sort))
        {
            errors[nameof(filter.Sort)] = [$"Sort by one of: {string.Join(", ", SortKeys)} (prefix - for descending)."];
        }
        if (filter.CreatedFrom > filter.CreatedTo)
        {
            errors[nameof(filter.CreatedTo)] = ["The end of the date range is before its start."];
        }
        if (errors.Count > 0)
        {
            return Result<(IQueryable<Contact>, string, bool)>.Invalid(errors);
        }

        var query = (await access.VisibleAsync(filter.Deleted, ct)).AsNoTracking();
        if (filter.Deleted)
        {
            query = query.Where(c => c.DeletedAt != null);
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            query = await SearchAsync(query, filter.Q, ct);
        }
        if (filter.CategoryId is { } categoryId)
        {
            query = query.Where(c => c.CategoryId == categoryId);
        }
        if (type is { } t)
        {
            query = query.Where(c => c.Type == t);
        }
        if (!string.IsNullOrWhiteSpace(filter.Location))
        {
            var location = filter.Location.Trim();
            query = query.Where(c => c.Location == location);
        }
        if (!string.IsNullOrWhiteSpace(filter.Industry))
        {
            var industry = filter.Industry.Trim();
            query = query.Where(c => c.Industry == industry);
        }
        if (!string.IsNullOrWhiteSpace(filter.PersonalityType))
        {
            var personality = filter.PersonalityType.Trim();
            query = query.Where(c => c.PersonalityType == personality);
        }
        if (filter.CreatedById is { } createdBy)
        {
            query = query.Where(c => c.CreatedById == createdBy);
        }
        if (filter.CreatedFrom is { } from)
        {
            var utc = DateTime.SpecifyKind(from, DateTimeKind.Utc);
            query = query.Where(c => c.CreatedAt >= utc);
        }
        if (filter.CreatedTo is { } to)
        {
            // A date without a time means "to the end of that day".
            var utc = DateTime.SpecifyKind(to.TimeOfDay == TimeSpan.Zero ? to.AddDays(1) : to, DateTimeKind.Utc);
            query = to.TimeOfDay == TimeSpan.Zero ? query.Where(c => c.CreatedAt < utc) : query.Where(c => c.CreatedAt <= utc);
        }
        return Result<(IQueryable<Contact>, string, bool)>.Ok((query, sort, descending));
    }

    public async Task<ContactDto?> GetAsync(Guid id, bool includeDeleted, CancellationToken ct) =>
        await (await access.VisibleAsync(includeDeleted, ct)).AsNoTracking().Where(c => c.Id == id).Select(ContactDto.Projection).FirstOrDefaultAsync(ct);

    /// <summary>Users who created contacts, for the "created by" filter.</summary>
    public async Task<IReadOnlyList<KeyValuePair<Guid, string>>> CreatorsAsync(CancellationToken ct) =>
        (await db.Users.AsNoTracking().Where(u => db.Set<Contact>().Any(c => c.CreatedById == u.Id))
            .OrderBy(u => u.FirstName).ThenBy(u => u.LastName).Select(u => new { u.Id, u.FirstName, u.LastName }).ToListAsync(ct))
        .Select(u => KeyValuePair.Create(u.Id, $"{u.FirstName} {u.LastName}")).ToList();

    /// <summary>
    /// How many trigram-index matches a search may have and still be answered from them (fetched by id, then sorted);
    /// a search matching more rows is common enough that walking the sort order's index and testing each row finds a
    /// page sooner.
    /// </summary>
    public const int IndexedMatchLimit = 5000;

    /// <summary>The shortest text searched as a substring; shorter text matches the start of name, company or email.</summary>
    public const int SubstringMinLength = 3;

    private async Task<IQueryable<Contact>> SearchAsync(IQueryable<Contact> query, string q, CancellationToken ct)
    {
        var text = q.Trim().ToLowerInvariant();
        var (lo, hi) = PrefixRange(text);
        if (text.Contains('@', StringComparison.Ordinal))
        {
            return query.Where(c => string.Compare(c.EmailId, lo) >= 0 && string.Compare(c.EmailId, hi) < 0);
        }
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length >= 3 && text.All(ch => char.IsAsciiDigit(ch) || ch is '+' or ' ' or '-' or '(' or ')' or '.'))
        {
            var (plo, phi) = PrefixRange("+" + digits);
            var exact = ContactRules.TryNormalizePhone(text, await rules.DefaultRegionAsync(ct), out var e164) ? e164 : "";
            return query.Where(c => c.ContactNo == exact || (string.Compare(c.ContactNo, plo) >= 0 && string.Compare(c.ContactNo, phi) < 0));
        }
        if (text.Length < SubstringMinLength)
        {
            // Written so that no index serves the filter: the rows are then read in the sort order's index and the
            // first page is found after a few hundred rows, instead of the union of three ranges being sorted.
            return query.Where(c => c.NormalizedName.StartsWith(text) || c.NormalizedCompany.StartsWith(text) || c.EmailId.StartsWith(text));
        }
        var contains = query.Where(c => c.NormalizedName.Contains(text) || c.NormalizedCompany.Contains(text) || c.EmailId.Contains(text));
        var candidates = await CandidatesAsync(text, ct);
        return candidates.Count > IndexedMatchLimit ? contains : contains.Where(c => candidates.Contains(c.Id));
    }

    /// <summary>
    /// Ids of contacts (deleted ones included) whose normalised name, company or email contains <paramref name="text"/>,
    /// from the trigram index — FTS5 on SQLite, pg_trgm GIN on PostgreSQL (migration <c>ContactSearch</c>) — at most
    /// <see cref="IndexedMatchLimit"/> + 1 of them.
    /// </summary>
    private async Task<List<Guid>> CandidatesAsync(string text, CancellationToken ct)
    {
        var take = IndexedMatchLimit + 1;
        if (db.IsSqlite)
        {
            // A phrase of the trigram tokenizer matches the text anywhere in a column.
            var phrase = "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            return await db.Database.SqlQuery<Guid>($"""
                SELECT k.contact_id AS "Value" FROM contacts_search s JOIN contact_search_keys k ON k.search_id = s.rowid
                WHERE contacts_search MATCH {phrase} LIMIT {take}
                """).ToListAsync(ct);
        }
        var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        return await db.Set<Contact>().IgnoreQueryFilters().AsNoTracking()
            .Where(c => EF.Functions.Like(c.NormalizedName, pattern, "\\") || EF.Functions.Like(c.NormalizedCompany, pattern, "\\") || EF.Functions.Like(c.EmailId, pattern, "\\"))
            .Select(c => c.Id).Take(take).ToListAsync(ct);
    }

    /// <summary>[prefix, prefix with its last character incremented): every string starting with the prefix, in byte order.</summary>
    private static (string Low, string High) PrefixRange(string prefix) =>
        (prefix, prefix[..^1] + (char)(prefix[^1] + 1));

    private static IQueryable<Contact> Order(IQueryable<Contact> query, string sort, bool descending) => (sort, descending) switch
    {
        ("company", false) => query.OrderBy(c => c.NormalizedCompany).ThenBy(c => c.Id),
        ("company", true) => query.OrderByDescending(c => c.NormalizedCompany).ThenByDescending(c => c.Id),
        ("location", false) => query.OrderBy(c => c.Location).ThenBy(c => c.Id),
        ("location", true) => query.OrderByDescending(c => c.Location).ThenByDescending(c => c.Id),
        ("created", false) => query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
        ("created", true) => query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
        ("updated", false) => query.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id),
        ("updated", true) => query.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id),
        (_, false) => query.OrderBy(c => c.NormalizedName).ThenBy(c => c.Id),
        (_, true) => query.OrderByDescending(c => c.NormalizedName).ThenByDescending(c => c.Id),
    };

    // "key >= k AND (key > k OR id > last)" rather than "key > k OR (key = k AND id > last)": the first conjunct is a
    // range both SQLite and PostgreSQL seek in the (key, id) index, so a late page costs what the first one does.
    private static IQueryable<Contact> After(IQueryable<Contact> query, string sort, bool descending, Key key)
    {
        var s = key.S ?? "";
        var d = DateTime.SpecifyKind(key.D ?? DateTime.MinValue, DateTimeKind.Utc);
        var id = key.Id;
        return (sort, descending) switch
        {
            ("company", false) => query.Where(c => string.Compare(c.NormalizedCompany, s) >= 0 && (string.Compare(c.NormalizedCompany, s) > 0 || c.Id.CompareTo(id) > 0)),
            ("company", true) => query.Where(c => string.Compare(c.NormalizedCompany, s) <= 0 && (string.Compare(c.NormalizedCompany, s) < 0 || c.Id.CompareTo(id) < 0)),
            ("location", false) => query.Where(c => string.Compare(c.Location, s) >= 0 && (string.Compare(c.Location, s) > 0 || c.Id.CompareTo(id) > 0)),
            ("location", true) => query.Where(c => string.Compare(c.Location, s) <= 0 && (string.Compare(c.Location, s) < 0 || c.Id.CompareTo(id) < 0)),
            ("created", false) => query.Where(c => c.CreatedAt >= d && (c.CreatedAt > d || c.Id.CompareTo(id) > 0)),
            ("created", true) => query.Where(c => c.CreatedAt <= d && (c.CreatedAt < d || c.Id.CompareTo(id) < 0)),
            ("updated", false) => query.Where(c => c.UpdatedAt >= d && (c.UpdatedAt > d || c.Id.CompareTo(id) > 0)),
            ("updated", true) => query.Where(c => c.UpdatedAt <= d && (c.UpdatedAt < d || c.Id.CompareTo(id) < 0)),
            (_, false) => query.Where(c => string.Compare(c.NormalizedName, s) >= 0 && (string.Compare(c.NormalizedName, s) > 0 || c.Id.CompareTo(id) > 0)),
            (_, true) => query.Where(c => string.Compare(c.NormalizedName, s) <= 0 && (string.Compare(c.NormalizedName, s) < 0 || c.Id.CompareTo(id) < 0)),
        };
    }
}
