using CrmPlatform.Core.Data;

namespace CrmPlatform.Bench;

/// <summary>
/// Command line: <c>--provider sqlite|postgres [--connection CS] [--scale 1] [--generator-scale name=scale,...] [--quick] [--seed 42] [--only a,b] [--keep-data]</c>.
/// <c>--generator-scale trackers=1</c> overrides the scale for one generator (e.g. 200,000 leads without 1,000,000 contacts).
/// </summary>
internal sealed record BenchOptions(
    DatabaseProvider Provider,
    string? Connection,
    double Scale,
    int Seed,
    IReadOnlySet<string> Only,
    bool KeepData,
    bool Quick,
    string Root,
    IReadOnlyDictionary<string, double>? GeneratorScales = null)
{
    public static BenchOptions Parse(string[] args)
    {
        var provider = DatabaseProvider.Sqlite;
        string? connection = null;
        var scale = 1.0;
        var seed = 42;
        var quick = false;
        var keep = false;
        var only = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var generatorScales = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--provider":
                    provider = Next().ToLowerInvariant() switch
                    {
                        "sqlite" => DatabaseProvider.Sqlite,
                        "postgres" or "postgresql" => DatabaseProvider.PostgreSql,
                        var other => throw new ArgumentException($"Unknown provider '{other}' (sqlite or postgres)."),
                    };
                    break;
                case "--connection": connection = Next(); break;
                case "--scale": scale = double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--quick": quick = true; break;
                case "--seed": seed = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--only": foreach (var name in Next().Split(',', StringSplitOptions.RemoveEmptyEntries)) { only.Add(name.Trim()); } break;
                case "--generator-scale":
                    foreach (var pair in Next().Split(',', StringSplitOptions.RemoveEmptyEntries))
                    {
                        var parts = pair.Split('=', 2);
                        if (parts.Length != 2 || !double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) || value <= 0)
                        {
                            throw new ArgumentException($"--generator-scale takes name=scale pairs ('{pair}').");
                        }
                        generatorScales[parts[0].Trim()] = value;
                    }
                    break;
                case "--keep-data": keep = true; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }
        if (quick)
        {
            scale = Math.Min(scale, 0.01);
            foreach (var name in generatorScales.Keys.ToList())
            {
                generatorScales[name] = Math.Min(generatorScales[name], 0.01);
            }
        }
        if (provider == DatabaseProvider.PostgreSql)
        {
            connection ??= Environment.GetEnvironmentVariable("CRM_TEST_POSTGRES")
                ?? throw new ArgumentException("PostgreSQL needs --connection or CRM_TEST_POSTGRES (a server where the user may create databases).");
        }
        return new BenchOptions(provider, connection, scale, seed, only, keep, quick, FindRoot(), generatorScales);
    }

    /// <summary>The repository root (the folder with CrmPlatform.sln), from the working directory upwards.</summary>
    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmPlatform.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }

    public int Scaled(int fullScale) => Math.Max(1, (int)Math.Round(fullScale * Scale));

    /// <summary>Like <see cref="Scaled(int)"/>, with the generator's own scale when <c>--generator-scale</c> gave one.</summary>
    public int Scaled(string generator, int fullScale) =>
        GeneratorScales is not null && GeneratorScales.TryGetValue(generator, out var own) ? Math.Max(1, (int)Math.Round(fullScale * own)) : Scaled(fullScale);
}
