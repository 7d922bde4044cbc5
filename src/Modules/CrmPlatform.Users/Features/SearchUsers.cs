using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Users.Features;

/// <summary>Search and filters of the user list; the query string of the screen and of <c>GET /api/v1/users</c>.</summary>
public sealed class UserSearch
{
    [StringLength(200, ErrorMessage = "The search can be at most 200 characters.")]
    public string? Q { get; set; }

    [RoleName]
    public string? Role { get; set; }

    public bool? Active { get; set; }

    [RegularExpression("^-?(name|email|created)$", ErrorMessage = "Sort by name, email or created (prefix - for descending).")]
    public string? Sort { get; set; }

    [StringLength(1024)]
    public string? Cursor { get; set; }

    [Range(1, Core.Api.Cursor.MaxLimit, ErrorMessage = "The limit must be between 1 and 200.")]
    public int? Limit { get; set; }
}

/// <summary>Lists users keyset-paged on the chosen sort key with the id as tie-breaker, so pages never skip or repeat rows.</summary>
internal sealed class SearchUsersHandler(CrmDbContext db)
{
    private sealed record Position(string[] Keys, Guid Id);

    private sealed record SortKey(Expression<Func<User, string>> Column, Func<User, string> Value);

    // "created" sorts by the id alone: ids are UUID v7, ordered by creation time.
    private static readonly Dictionary<string, SortKey[]> SortKeys = new(StringComparer.Ordinal)
    {
        ["name"] = [new(u => u.LastName, u => u.LastName), new(u => u.FirstName, u => u.FirstName)],
        ["email"] = [new(u => u.Email!, u => u.Email!)],
        ["created"] = [],
    };

    public async Task<Result<CursorPage<UserDto>>> HandleAsync(UserSearch search, CancellationToken ct)
    {
        var errors = RequestValidator.Validate(search);
        var sort = string.IsNullOrEmpty(search.Sort) ? "name" : search.Sort;
        var descending = sort.StartsWith('-');
        var keys = SortKeys.GetValueOrDefault(sort.TrimStart('-')) ?? SortKeys["name"];
        if (!Core.Api.Cursor.TryDecode<Position>(search.Cursor, out var after) || (after is not null && (after.Keys is null || after.Keys.Length != keys.Length || after.Keys.Any(k => k is null))))
        {
            errors.Append(nameof(search.Cursor), "The cursor is not valid; start again from the first page.");
        }
        if (errors.Count > 0)
        {
            return Result<CursorPage<UserDto>>.Invalid(errors);
        }

        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search.Q))
        {
            var needle = search.Q.Trim().ToLowerInvariant();
            query = query.Where(u => (u.FirstName + " " + u.LastName).ToLower().Contains(needle)
                || u.Email!.ToLower().Contains(needle)
                || (u.Company != null && u.Company.ToLower().Contains(needle)));
        }
        if (UserRoles.TryParse(search.Role, out var role))
        {
            query = query.Where(u => u.Role == role);
        }
        if (search.Active is { } active)
        {
            query = query.Where(u => u.IsActive == active);
        }
        if (after is not null)
        {
            query = query.Where(After(keys, after, descending));
        }
        var limit = Core.Api.Cursor.ClampLimit(search.Limit);
        var rows = await Order(query, keys, descending).Take(limit + 1).ToListAsync(ct);
        string? next = null;
        if (rows.Count > limit)
        {
            var last = rows[limit - 1];
            next = Core.Api.Cursor.Encode(new Position([.. keys.Select(k => k.Value(last))], last.Id));
        }
        return Result<CursorPage<UserDto>>.Ok(new CursorPage<UserDto>([.. rows.Take(limit).Select(u => u.ToDto())], next));
    }

    private static IQueryable<User> Order(IQueryable<User> query, SortKey[] keys, bool descending)
    {
        IOrderedQueryable<User>? ordered = null;
        foreach (var key in keys.Select(k => k.Column))
        {
            ordered = ordered is null
                ? descending ? query.OrderByDescending(key) : query.OrderBy(key)
                : descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key);
        }
        return ordered is null
            ? descending ? query.OrderByDescending(u => u.Id) : query.OrderBy(u => u.Id)
            : descending ? ordered.ThenByDescending(u => u.Id) : ordered.ThenBy(u => u.Id);
    }

    /// <summary>k1 &gt; v1 OR (k1 = v1 AND (k2 &gt; v2 OR (… id &gt; lastId))), with &lt; when descending; values become SQL parameters.</summary>
    private static Expression<Func<User, bool>> After(SortKey[] keys, Position after, bool descending)
    {
        var user = Expression.Parameter(typeof(User), "u");
        var compareStrings = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
        var compareGuids = typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!;
        Expression Beyond(Expression comparison) =>
            descending ? Expression.LessThan(comparison, Expression.Constant(0)) : Expression.GreaterThan(comparison, Expression.Constant(0));

        Expression condition = Beyond(Expression.Call(Expression.Property(user, nameof(User.Id)), compareGuids, Parameter(after.Id)));
        for (var i = keys.Length - 1; i >= 0; i--)
        {
            var key = new ReplaceParameter(keys[i].Column.Parameters[0], user).Visit(keys[i].Column.Body);
            var value = Parameter(after.Keys[i]);
            condition = Expression.OrElse(
                Beyond(Expression.Call(compareStrings, key, value)),
                Expression.AndAlso(Expression.Equal(key, value), condition));
        }
        return Expression.Lambda<Func<User, bool>>(condition, user);
    }

    // A field of a captured object is sent as a query parameter, not inlined as a literal.
    private static MemberExpression Parameter<T>(T value) =>
        Expression.Field(Expression.Constant(new StrongBox<T>(value)), nameof(StrongBox<T>.Value));

    private sealed class ReplaceParameter(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

internal sealed class GetUserHandler(CrmDbContext db)
{
    public async Task<UserDto?> HandleAsync(Guid id, CancellationToken ct) =>
        (await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct))?.ToDto();
}
