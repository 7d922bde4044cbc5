namespace CrmPlatform.Contacts.Features;

/// <summary>An uploaded file as the note commands see it (from a form post or a multipart API call).</summary>
public sealed record AttachmentUpload(string FileName, long Length, Func<Stream> OpenReadStream);

/// <summary>
/// What may be attached to a note: at most <see cref="MaxBytes"/>, and only the listed types, checked by extension
/// <em>and</em> by the file's first bytes, so a renamed script or executable is refused.
/// </summary>
public static class AttachmentRules
{
    public const long MaxBytes = 10 * 1024 * 1024;

    private sealed record FileKind(string ContentType, byte[][] Signatures, bool Text = false);

    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static readonly Dictionary<string, FileKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = new("application/pdf", [[0x25, 0x50, 0x44, 0x46, 0x2D]]),
        [".png"] = new("image/png", [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]]),
        [".jpg"] = new("image/jpeg", [[0xFF, 0xD8, 0xFF]]),
        [".jpeg"] = new("image/jpeg", [[0xFF, 0xD8, 0xFF]]),
        [".gif"] = new("image/gif", [[0x47, 0x49, 0x46, 0x38]]),
        [".docx"] = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [Zip]),
        [".xlsx"] = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [Zip]),
        [".pptx"] = new("application/vnd.openxmlformats-officedocument.presentationml.presentation", [Zip]),
        [".doc"] = new("application/msword", [Ole]),
        [".xls"] = new("application/vnd.ms-excel", [Ole]),
        [".txt"] = new("text/plain", [], Text: true),
        [".csv"] = new("text/csv", [], Text: true),
    };

    public static string AllowedExtensions => string.Join(", ", Kinds.Keys);

    /// <summary>The content type to serve a stored file with (by its original name; it was checked on upload).</summary>
    public static string ContentTypeOf(string fileName) =>
        Kinds.TryGetValue(Path.GetExtension(fileName), out var kind) ? kind.ContentType : "application/octet-stream";

    /// <summary>The original name, reduced to a safe file name (no path, no control characters).</summary>
    public static string CleanName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '/' or '\\' or ':' or '*' or '?' or '<' or '>' or '|')).ToArray()).Trim();
        if (name.Length > 200)
        {
            var extension = Path.GetExtension(name);
            name = name[..(200 - extension.Length)] + extension;
        }
        return name;
    }

    /// <summary>Null when the file may be stored, else the reason it is refused.</summary>
    public static async Task<string?> CheckAsync(AttachmentUpload upload, CancellationToken ct)
    {
        var name = CleanName(upload.FileName);
        if (name.Length == 0 || !Kinds.TryGetValue(Path.GetExtension(name), out var kind))
        {
            return $"This type of file cannot be attached. Allowed: {AllowedExtensions}.";
        }
        if (upload.Length == 0)
        {
            return "The file is empty.";
        }
        if (upload.Length > MaxBytes)
        {
            return $"The file is larger than {MaxBytes / (1024 * 1024)} MB.";
        }
        var head = new byte[4096];
        await using var stream = upload.OpenReadStream();
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        var bytes = head[..read];
        var matches = kind.Text
            ? !bytes.AsSpan().Contains((byte)0) && !LooksLikeMarkup(bytes)
            : kind.Signatures.Any(signature => bytes.AsSpan().StartsWith(signature));
        return matches ? null : $"The file's content does not match its extension ({Path.GetExtension(name)}).";
    }

    // A .txt that is really HTML or script would be harmless as a download, but there is no reason to accept it.
    private static bool LooksLikeMarkup(ReadOnlySpan<byte> bytes)
    {
        var text = System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        return text.StartsWith("<!doctype", StringComparison.OrdinalIgnoreCase) || text.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("<script", StringComparison.OrdinalIgnoreCase) || text.StartsWith("<svg", StringComparison.OrdinalIgnoreCase);
    }
}
