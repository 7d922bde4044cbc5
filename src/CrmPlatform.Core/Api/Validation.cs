using System.ComponentModel.DataAnnotations;

namespace CrmPlatform.Core.Api;

/// <summary>
/// The one validation path shared by forms and the API: DataAnnotations and <see cref="IValidatableObject"/>
/// on the request record, returning field → messages (the shape of a validation problem).
/// </summary>
public static class RequestValidator
{
    public static Dictionary<string, string[]> Validate(object request, IServiceProvider? services = null)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(request, new ValidationContext(request, services, null), results, validateAllProperties: true);
        return ToDictionary(results);
    }

    public static Dictionary<string, string[]> ToDictionary(IEnumerable<ValidationResult> results)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            var members = result.MemberNames.Any() ? result.MemberNames : [""];
            foreach (var member in members)
            {
                if (!errors.TryGetValue(member, out var list))
                {
                    errors[member] = list = [];
                }
                list.Add(result.ErrorMessage ?? "Invalid value.");
            }
        }
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }
}

/// <summary>
/// The outcome of a use case: success with a value, or field errors, or not found / conflict. Screens put the
/// errors next to the fields; the API turns them into RFC 9457 problem details.
/// </summary>
public sealed record Result<T>
{
    public T? Value { get; private init; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private init; } = new Dictionary<string, string[]>();
    public ResultKind Kind { get; private init; }

    public bool Succeeded => Kind == ResultKind.Ok;

    public static Result<T> Ok(T value) => new() { Value = value, Kind = ResultKind.Ok };

    public static Result<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new() { Errors = errors, Kind = ResultKind.Invalid };

    public static Result<T> Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static Result<T> NotFound() => new() { Kind = ResultKind.NotFound };

    public static Result<T> Conflict(string field, string message) => new() { Errors = new Dictionary<string, string[]> { [field] = [message] }, Kind = ResultKind.Conflict };
}

public enum ResultKind
{
    Ok,
    Invalid,
    NotFound,
    Conflict,
}
