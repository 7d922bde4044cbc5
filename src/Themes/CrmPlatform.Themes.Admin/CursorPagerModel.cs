using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace CrmPlatform.Themes.Admin;

/// <summary>Links for a keyset-paged list, built from the current request's query string.</summary>
public sealed record CursorPagerModel(string FirstUrl, string? NextUrl, bool HasPrevious, string? Summary = null)
{
    public static CursorPagerModel From(HttpRequest request, string? nextCursor, string? summary = null)
    {
        var query = request.Query.Where(q => q.Key != "cursor").ToDictionary(q => q.Key, q => q.Value.ToString());
        var first = request.Path + QueryString.Create(query!);
        string? next = null;
        if (nextCursor is not null)
        {
            query["cursor"] = nextCursor;
            next = request.Path + QueryString.Create(query!);
        }
        return new CursorPagerModel(first, next, request.Query.ContainsKey("cursor"), summary);
    }
}
