using System.Globalization;
using System.Text.Json;
using CrmPlatform.Bench.Generation;
using CrmPlatform.Bench.Scenarios;

namespace CrmPlatform.Bench.Reporting;

/// <summary>Prints the results as a table and writes them as JSON under bench/results/.</summary>
internal static class Report
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Write(BenchOptions options, IReadOnlyList<GenerationResult> generation, IReadOnlyList<ScenarioResult> results, long peakRss, long steadyRss)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"Provider {options.Provider}, scale {options.Scale.ToString(inv)}{string.Concat((options.GeneratorScales ?? new Dictionary<string, double>()).Select(g => $" ({g.Key} {g.Value.ToString(inv)})"))}, seed {options.Seed}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:u}");
        Console.WriteLine();
        Console.WriteLine("| generator | rows | seconds | rows/s |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var g in generation)
        {
            Console.WriteLine(string.Create(inv, $"| {g.Name} | {g.Rows:N0} | {g.Elapsed.TotalSeconds:F1} | {g.Rows / Math.Max(0.001, g.Elapsed.TotalSeconds):N0} |"));
        }
        Console.WriteLine();
        Console.WriteLine("| scenario | ops | errors | ops/s | p50 ms | p95 ms | p99 ms | raw ops/s | raw p50 ms | ours/raw | peak RSS MB | target |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(inv,
                $"| {r.Name} | {r.Ours.Operations:N0} | {r.Ours.Errors} | {r.Ours.Throughput:N0} | {r.Ours.P50:F2} | {r.Ours.P95:F2} | {r.Ours.P99:F2} | {(r.Raw is null ? "–" : r.Raw.Throughput.ToString("N0", inv))} | {(r.Raw is null ? "–" : r.Raw.P50.ToString("F2", inv))} | {(r.Ratio is null ? "–" : r.Ratio.Value.ToString("F1", inv) + "×")} | {r.PeakRssBytes / 1048576} | {r.Target} |"));
        }
        foreach (var r in results.Where(r => r.Note is not null))
        {
            Console.WriteLine($"- {r.Name}: {r.Note}");
        }
        Console.WriteLine();
        Console.WriteLine($"Host memory: peak RSS {peakRss / 1048576} MB over the run, steady-state RSS {steadyRss / 1048576} MB (idle after the last scenario)");

        var folder = Path.Combine(options.Root, "bench", "results");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{options.Provider.ToString().ToLowerInvariant()}-{(options.Quick ? "quick" : "scale" + options.Scale.ToString(inv))}-{DateTime.UtcNow:yyyyMMddHHmmss}.json");
        File.WriteAllText(file, JsonSerializer.Serialize(new
        {
            provider = options.Provider.ToString(),
            options.Scale,
            options.GeneratorScales,
            options.Seed,
            options.Quick,
            cores = Environment.ProcessorCount,
            at = DateTime.UtcNow,
            peakRssMb = peakRss / 1048576,
            steadyRssMb = steadyRss / 1048576,
            generation = generation.Select(g => new { g.Name, g.Rows, seconds = g.Elapsed.TotalSeconds }),
            scenarios = results.Select(r => new { r.Name, r.Target, ours = r.Ours, raw = r.Raw, ratio = r.Ratio, peakRssMb = r.PeakRssBytes / 1048576, rssAfterMb = r.RssAfterBytes / 1048576, r.Note }),
        }, Json));
        Console.WriteLine($"Written {Path.GetRelativePath(options.Root, file)}");
        return file;
    }
}
