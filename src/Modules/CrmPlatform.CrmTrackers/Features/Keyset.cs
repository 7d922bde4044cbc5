using System.Linq.Expressions;
using CrmPlatform.CrmTrackers.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.CrmTrackers.Features;

/// <summary>
/// Keyset ordering and "rows after this one" for one sort key plus the id that breaks ties. Nullable keys sort their
/// nulls last in both directions, the same on SQLite and PostgreSQL (whose own null ordering differs).
/// </summary>
internal static class Keyset
{
    private sealed class Box<T>(T value)
    {
        public T Value { get; } = value;
    }

    public static IOrderedQueryable<Lead> Order<TKey>(IQueryable<Lead> query, Expression<Func<Lead, TKey>> key, bool desc)
    {
        IOrderedQueryable<Lead> ordered;
        if (IsNullable<TKey>())
        {
            var isNull = Expression.Lambda<Func<Lead, bool>>(Expression.Equal(key.Body, Expression.Constant(null, typeof(TKey))), key.Parameters);
            ordered = query.OrderBy(isNull);
            ordered = desc ? ordered.ThenByDescending(key) : ordered.ThenBy(key);
        }
        else
        {
            ordered = desc ? query.OrderByDescending(key) : query.OrderBy(key);
        }
        return desc ? ordered.ThenByDescending(l => l.Id) : ordered.ThenBy(l => l.Id);
    }

    /// <summary>Rows after (<paramref name="value"/>, <paramref name="id"/>) in the order of <see cref="Order"/>.</summary>
    public static IQueryable<Lead> After<TKey>(IQueryable<Lead> query, Expression<Func<Lead, TKey>> key, TKey value, Guid id, bool desc, bool nullsFollow = true)
    {
        var parameter = key.Parameters[0];
        var k = key.Body;
        var v = Expression.Property(Expression.Constant(new Box<TKey>(value)), nameof(Box<TKey>.Value));
        var nullKey = IsNullable<TKey>() ? Expression.Constant(null, typeof(TKey)) : null;
        var idAfter = IdAfter(parameter, id, desc);
        Expression body;
        if (IsNullable<TKey>() && value is null)
        {
            body = Expression.AndAlso(Expression.Equal(k, nullKey!), idAfter);
        }
        else
        {
            var beyond = Compare(k, v, desc);
            var tie = Expression.AndAlso(Expression.Equal(k, v), idAfter);
            body = Expression.OrElse(beyond, tie);
            if (IsNullable<TKey>() && nullsFollow)
            {
                body = Expression.OrElse(Expression.AndAlso(Expression.NotEqual(k, nullKey!), body), Expression.Equal(k, nullKey!));
            }
        }
        return query.Where(Expression.Lambda<Func<Lead, bool>>(body, parameter));
    }

    /// <summary>
    /// A page for a nullable key in two index-friendly range scans: the rows with a value (in key order), then, if the
    /// page is not full, the rows without one (in id order). One ORDER BY "key IS NULL" query cannot use the index.
    /// </summary>
    public static async Task<List<TRow>> PageNullableAsync<TKey, TRow>(
        IQueryable<Lead> query, Expression<Func<Lead, TKey>> key, bool desc, TKey? after, bool afterIsNull, Guid? afterId, int take,
        Expression<Func<Lead, TRow>> projection, CancellationToken ct)
    {
        var nullKey = Expression.Constant(null, typeof(TKey));
        var isNull = Expression.Lambda<Func<Lead, bool>>(Expression.Equal(key.Body, nullKey), key.Parameters);
        var hasValue = Expression.Lambda<Func<Lead, bool>>(Expression.NotEqual(key.Body, nullKey), key.Parameters);
        var rows = new List<TRow>();
        if (afterId is null || !afterIsNull)
        {
            var withValue = query.Where(hasValue);
            if (afterId is { } id)
            {
                withValue = After(withValue, key, after!, id, desc, nullsFollow: false);
            }
            var ordered = desc ? withValue.OrderByDescending(key).ThenByDescending(l => l.Id) : withValue.OrderBy(key).ThenBy(l => l.Id);
            rows.AddRange(await ordered.Take(take).Select(projection).ToListAsync(ct));
        }
        if (rows.Count < take)
        {
            var withoutValue = query.Where(isNull);
            if (afterId is { } id && afterIsNull)
            {
                withoutValue = withoutValue.Where(Expression.Lambda<Func<Lead, bool>>(IdAfter(key.Parameters[0], id, desc), key.Parameters));
            }
            var ordered = desc ? withoutValue.OrderByDescending(l => l.Id) : withoutValue.OrderBy(l => l.Id);
            rows.AddRange(await ordered.Take(take - rows.Count).Select(projection).ToListAsync(ct));
        }
        return rows;
    }

    private static Expression Compare(Expression key, Expression value, bool desc)
    {
        if (key.Type == typeof(string))
        {
            var compare = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, key, value);
            return desc ? Expression.LessThan(compare, Expression.Constant(0)) : Expression.GreaterThan(compare, Expression.Constant(0));
        }
        return desc ? Expression.LessThan(key, value) : Expression.GreaterThan(key, value);
    }

    private static Expression IdAfter(ParameterExpression parameter, Guid id, bool desc)
    {
        var compare = Expression.Call(Expression.Property(parameter, nameof(Lead.Id)), typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!,
            Expression.Property(Expression.Constant(new Box<Guid>(id)), nameof(Box<Guid>.Value)));
        return desc ? Expression.LessThan(compare, Expression.Constant(0)) : Expression.GreaterThan(compare, Expression.Constant(0));
    }

    private static bool IsNullable<T>() => Nullable.GetUnderlyingType(typeof(T)) is not null;
}
