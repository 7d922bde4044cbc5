using System.Globalization;
using CrmPlatform.Contacts.Features.Imports;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CsvHelper;

namespace CrmPlatform.Contacts.Features;

/// <summary>
/// CSV of the contact list as filtered and scoped by <see cref="ContactQuery"/>, written page by page (keyset paging, so
/// memory stays flat with a million rows) and safe to open in a spreadsheet (<see cref="CsvFiles.Neutralize"/>).
/// </summary>
public sealed class ContactExport(ContactQuery query)
{
    private static readonly string[] Header =
        ["id", "name", "email", "phone", "location", "type", "company", "designation", "industry", "website", "category", "personality_type", "created_at", "updated_at"];

    /// <summary>Validates the filter first (field errors before any byte is written), then returns the writer.</summary>
    public async Task<Result<Func<Stream, CancellationToken, Task>>> PrepareAsync(ContactFilter filter, CancellationToken ct)
    {
        filter.Cursor = null;
        filter.Limit = Cursor.MaxLimit;
        var first = await query.SearchAsync(filter, ct);
        if (!first.Succeeded)
        {
            return Result<Func<Stream, CancellationToken, Task>>.Invalid(first.Errors);
        }
        return Result<Func<Stream, CancellationToken, Task>>.Ok((stream, token) => WriteAsync(stream, filter, first.Value!, token));
    }

    public static string FileName(DateTime now) => $"contacts-{now:yyyyMMdd-HHmmss}.csv";

    private async Task WriteAsync(Stream stream, ContactFilter filter, CursorPage<ContactDto> page, CancellationToken ct)
    {
        await using var csv = CsvFiles.Writer(stream);
        csv.WriteHeader(Header);
        while (true)
        {
            foreach (var c in page.Items)
            {
                string?[] cells =
                [
                    c.Id.ToString(), c.Name, c.EmailId, c.ContactNo, c.Location, EnumNames.ToSnake(c.Type.ToString()), c.Company, c.Designation,
                    c.Industry, c.Website, c.CategoryName, c.PersonalityType,
                    c.CreatedAt.ToString("O", CultureInfo.InvariantCulture), c.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
                ];
                foreach (var cell in cells)
                {
                    csv.WriteField(CsvFiles.Neutralize(cell));
                }
                await csv.EndRecordAsync(ct);
            }
            if (page.NextCursor is null)
            {
                break;
            }
            await csv.FlushAsync(ct);
            filter.Cursor = page.NextCursor;
            page = (await query.SearchAsync(filter, ct)).Value!;
        }
        await csv.FlushAsync(ct);
    }
}
