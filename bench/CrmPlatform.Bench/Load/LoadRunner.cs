using System.Diagnostics;

namespace CrmPlatform.Bench.Load;

/// <summary>Runs an operation a fixed number of times at a fixed concurrency and records each latency.</summary>
internal static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(int operations, int concurrency, Func<int, Task<bool>> operation, CancellationToken ct = default)
    {
        var latencies = new double[operations];
        var errors = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Math.Max(1, concurrency)).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < operations)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await operation(index);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
                {
                    ok = false;
                }
                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        });
        await Task.WhenAll(workers);
        clock.Stop();
        return LoadResult.From(latencies, errors, clock.Elapsed);
    }

    /// <summary>Times one piece of work once (bulk operations: an import, a generation).</summary>
    public static async Task<LoadResult> TimeAsync(Func<Task<bool>> work, long units = 1)
    {
        var clock = Stopwatch.StartNew();
        var ok = await work();
        clock.Stop();
        return new LoadResult(units, ok ? 0 : 1, clock.Elapsed, units / clock.Elapsed.TotalSeconds, clock.Elapsed.TotalMilliseconds, clock.Elapsed.TotalMilliseconds, clock.Elapsed.TotalMilliseconds);
    }
}

internal sealed record LoadResult(long Operations, int Errors, TimeSpan Elapsed, double Throughput, double P50, double P95, double P99)
{
    public static LoadResult From(double[] latencies, int errors, TimeSpan elapsed)
    {
        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new LoadResult(latencies.Length, errors, elapsed, latencies.Length / elapsed.TotalSeconds, Percentile(0.50), Percentile(0.95), Percentile(0.99));
    }
}
