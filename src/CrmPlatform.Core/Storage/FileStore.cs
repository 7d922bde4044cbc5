using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CrmPlatform.Core.Storage;

/// <summary>
/// Where uploaded files live. Keys are relative paths chosen by the caller (<c>contacts/{id}/{guid}</c>), never user input.
/// The default keeps them in a local folder (<c>Storage:Root</c>, default <c>App_Data/storage</c>); a shared store (S3, a
/// network share) is needed with several web nodes.
/// </summary>
public interface IFileStore
{
    Task SaveAsync(string key, Stream content, CancellationToken ct = default);

    /// <summary>Opens the file for reading, or null when it does not exist.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken ct = default);

    Task DeleteAsync(string key, CancellationToken ct = default);
}

internal sealed class LocalFileStore : IFileStore
{
    private readonly string _root;

    public LocalFileStore(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Storage:Root"];
        _root = Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(environment.ContentRootPath, "App_Data", "storage")
            : Path.Combine(environment.ContentRootPath, configured));
    }

    public async Task SaveAsync(string key, Stream content, CancellationToken ct = default)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await content.CopyToAsync(file, ct);
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken ct = default)
    {
        var path = PathOf(key);
        Stream? stream = File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
        return Task.FromResult(stream);
    }

    public Task DeleteAsync(string key, CancellationToken ct = default)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        // Keys come from code, but a key must still never reach outside the root.
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException("The storage key leaves the storage root.", nameof(key));
        }
        return path;
    }
}
