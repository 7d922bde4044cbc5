namespace CrmPlatform.Bench.Generation;

/// <summary>Fills one module's tables at the chosen scale; generators run in <see cref="Order"/>, deterministically for a seed.</summary>
internal interface IDataGenerator
{
    string Name { get; }
    int Order { get; }
    Task<GenerationResult> GenerateAsync(GenerationContext context, CancellationToken ct);
}

internal sealed record GenerationResult(string Name, long Rows, TimeSpan Elapsed);

/// <summary>What generators share: the writer, the options, a seeded random, and ids earlier generators produced.</summary>
internal sealed class GenerationContext(BulkWriter writer, BenchOptions options, Guid adminId)
{
    public BulkWriter Writer { get; } = writer;
    public BenchOptions Options { get; } = options;
    public Guid AdminId { get; } = adminId;
    public Random Random { get; } = new(options.Seed);
    public DateTime Now { get; } = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    public List<Guid> UserIds { get; } = [];
    public Dictionary<string, object> Shared { get; } = [];

    /// <summary>A UUID v7 for a time inside the data set's span, so keys are ordered like real inserts.</summary>
    public Guid NewId(DateTime at)
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.NextBytes(bytes);
        var ms = (ulong)new DateTimeOffset(at).ToUnixTimeMilliseconds();
        bytes[0] = (byte)(ms >> 40); bytes[1] = (byte)(ms >> 32); bytes[2] = (byte)(ms >> 24);
        bytes[3] = (byte)(ms >> 16); bytes[4] = (byte)(ms >> 8); bytes[5] = (byte)ms;
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
