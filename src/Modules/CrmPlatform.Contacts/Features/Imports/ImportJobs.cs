using System.Text;
using System.Text.Json;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Contacts.Features.Imports;

public sealed record ImportJobDto(
    Guid Id, string FileName, string Status, string Policy, IReadOnlyDictionary<string, string> Mapping, int ProcessedRows,
    int CreatedCount, int UpdatedCount, int SkippedCount, int RejectedCount, string? Error, DateTime CreatedAt, DateTime? CompletedAt)
{
    public bool Finished => Status is "completed" or "failed";

    public static ImportJobDto From(ContactImportJob j) => new(j.Id, j.FileName, EnumNames.ToSnake(j.Status), EnumNames.ToSnake(j.Policy),
        ImportJobs.MappingOf(j), j.ProcessedRows, j.CreatedCount, j.UpdatedCount, j.SkippedCount, j.RejectedCount, j.Error, j.CreatedAt, j.CompletedAt);
}

public sealed record PreviewRow(int Line, IReadOnlyDictionary<string, string?> Cells, string Outcome, string? Reason);

public sealed record ImportPreview(IReadOnlyList<string> Headers, IReadOnlyList<PreviewRow> Rows);

/// <summary>Upload (stored as a draft job with a guessed mapping), preview, start, progress and the rejected-rows report.</summary>
public sealed class ImportJobs(CrmDbContext db, IFileStore files, ContactAccess access, ImportRows rows, ImportSignal signal)
{
    public const int PreviewRows = 20;

    public static IReadOnlyDictionary<string, string> MappingOf(ContactImportJob job) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(job.Mapping) ?? [];

    public async Task<Result<ImportJobDto>> UploadAsync(Stream content, string? fileName, long length, CancellationToken ct)
    {
        if (length <= 0)
        {
            return Result<ImportJobDto>.Invalid("file", "Choose a CSV file to import.");
        }
        if (length > CsvFiles.MaxBytes)
        {
            return Result<ImportJobDto>.Invalid("file", $"The file is larger than {CsvFiles.MaxBytes / 1024 / 1024} MB; split it into smaller files.");
        }
        var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        string headerLine;
        using (var reader = new StreamReader(buffer, new UTF8Encoding(false), true, 4096, leaveOpen: true))
        {
            headerLine = await reader.ReadLineAsync(ct) ?? "";
        }
        var delimiter = CsvFiles.DetectDelimiter(headerLine);
        var headers = ReadHeaders(buffer, delimiter);
        if (headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace))
        {
            return Result<ImportJobDto>.Invalid("file", "The file has no header line; the first line must name the columns.");
        }
        var job = new ContactImportJob
        {
            FileName = Path.GetFileName(fileName ?? "contacts.csv") is { Length: > 0 } name ? name[..Math.Min(name.Length, ContactImportJob.FileNameMaxLength)] : "contacts.csv",
            Delimiter = delimiter,
            Mapping = JsonSerializer.Serialize(ImportFields.Guess(headers)),
            Status = ImportStatus.Draft,
            CreatedById = access.UserId,
        };
        job.FileKey = $"contact-imports/{job.Id:N}.csv";
        buffer.Position = 0;
        await files.SaveAsync(job.FileKey, buffer, ct);
        db.Add(job);
        await db.SaveChangesAsync(ct);
        return Result<ImportJobDto>.Ok(ImportJobDto.From(job));
    }

    public async Task<IReadOnlyList<string>> HeadersAsync(ContactImportJob job, CancellationToken ct)
    {
        await using var stream = await files.OpenReadAsync(job.FileKey, ct);
        return stream is null ? [] : ReadHeaders(stream, job.Delimiter);
    }

    public Task<ContactImportJob?> FindAsync(Guid id, CancellationToken ct) =>
        db.Set<ContactImportJob>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);

    public async Task<ImportJobDto?> GetAsync(Guid id, CancellationToken ct) => await FindAsync(id, ct) is { } job ? ImportJobDto.From(job) : null;

    /// <summary>Queues a draft with its mapping (null: keep the guessed one) and policy; mapping errors leave it a draft.</summary>
    public async Task<Result<ImportJobDto>> StartAsync(Guid id, IReadOnlyDictionary<string, string>? mapping, DuplicatePolicy policy, CancellationToken ct)
    {
        var job = await db.Set<ContactImportJob>().FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null)
        {
            return Result<ImportJobDto>.NotFound();
        }
        if (job.Status != ImportStatus.Draft)
        {
            return Result<ImportJobDto>.Conflict("status", "This import has already been started.");
        }
        var chosen = Clean(mapping ?? MappingOf(job));
        var errors = ImportFields.Check(chosen, await HeadersAsync(job, ct));
        if (errors.Count > 0)
        {
            return Result<ImportJobDto>.Invalid(errors);
        }
        job.Mapping = JsonSerializer.Serialize(chosen);
        job.Policy = policy;
        job.Status = ImportStatus.Queued;
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return Result<ImportJobDto>.Ok(ImportJobDto.From(job));
    }

    /// <summary>Discards a draft that could not be started (the API's single-step upload writes nothing on bad input).</summary>
    public async Task DiscardAsync(Guid id, CancellationToken ct)
    {
        if (await db.Set<ContactImportJob>().FirstOrDefaultAsync(j => j.Id == id && j.Status == ImportStatus.Draft, ct) is { } job)
        {
            db.Remove(job);
            await db.SaveChangesAsync(ct);
            await files.DeleteAsync(job.FileKey, ct);
        }
    }

    /// <summary>The first rows with what the import would do to each, using the same rules as the run (nothing is saved).</summary>
    public async Task<ImportPreview> PreviewAsync(ContactImportJob job, IReadOnlyDictionary<string, string> mapping, DuplicatePolicy policy, CancellationToken ct)
    {
        await using var stream = await files.OpenReadAsync(job.FileKey, ct);
        if (stream is null)
        {
            return new ImportPreview([], []);
        }
        await using var csv = CsvFiles.Open(stream, job.Delimiter);
        await csv.ReadHeaderAsync(ct);
        var records = new List<CsvRecord>();
        while (records.Count < PreviewRows && await csv.ReadAsync(ct))
        {
            records.Add(CsvRecord.From(csv));
        }
        var clean = Clean(mapping);
        await rows.LoadAsync(ct);
        var inputs = records.Select(r => r.ToInput(clean, rows.Categories)).ToList();
        await rows.BeginAsync(inputs, ct);
        var preview = new List<PreviewRow>();
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var (input, errors) = inputs[i];
            var decision = await rows.DecideAsync(input, errors, policy, access.UserId, ct);
            preview.Add(new PreviewRow(record.Line, record.Cells, EnumNames.ToSnake(decision.Outcome), decision.Reason));
        }
        db.ChangeTracker.Clear();
        return new ImportPreview(csv.Headers.ToList(), preview);
    }

    /// <summary>line,reason,record for every rejected row, in file order.</summary>
    public async Task WriteRejectedAsync(Guid id, Stream output, CancellationToken ct)
    {
        await using var csv = CsvFiles.Writer(output);
        csv.WriteHeader(["line", "reason", "record"]);
        await foreach (var rejection in db.Set<ContactImportRejection>().AsNoTracking().Where(r => r.JobId == id).OrderBy(r => r.LineNumber).AsAsyncEnumerable().WithCancellation(ct))
        {
            csv.WriteField(rejection.LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
            csv.WriteField(CsvFiles.Neutralize(rejection.Reason));
            csv.WriteField(CsvFiles.Neutralize(rejection.RawRecord));
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
    }

    public Task<List<ContactImportJob>> RecentAsync(CancellationToken ct) =>
        db.Set<ContactImportJob>().AsNoTracking().Where(j => j.Status != ImportStatus.Draft).OrderByDescending(j => j.CreatedAt).Take(20).ToListAsync(ct);

    private static Dictionary<string, string> Clean(IReadOnlyDictionary<string, string> mapping) =>
        mapping.Where(m => !string.IsNullOrWhiteSpace(m.Value)).ToDictionary(m => m.Key, m => m.Value.Trim(), StringComparer.Ordinal);

    private static List<string> ReadHeaders(Stream stream, string delimiter)
    {
        stream.Position = 0;
        using var csv = CsvFiles.Open(stream, delimiter);
        csv.ReadHeader();
        return [.. csv.Headers];
    }
}
