using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CrmPlatform.Contacts.Pages;

/// <summary>
/// Field messages for the screens. Messages are HTML-encoded first; only then is a contact page path they mention
/// (a duplicate's holder) turned into a link, so nothing a user typed can become markup.
/// </summary>
public static partial class FormErrors
{
    public static void AddTo(ModelStateDictionary modelState, IReadOnlyDictionary<string, string[]> errors, string prefix)
    {
        foreach (var (field, messages) in errors)
        {
            var key = field.Length == 0 ? "" : $"{prefix}.{field}";
            foreach (var message in messages)
            {
                if (!modelState.TryGetValue(key, out var entry) || entry.Errors.All(e => e.ErrorMessage != message))
                {
                    modelState.AddModelError(key, message);
                }
            }
        }
    }

    /// <summary>Values that did not bind (an unknown option, a malformed date) as a result the screens report like any other.</summary>
    public static Core.Api.Result<T> Unbound<T>(ModelStateDictionary modelState) => Core.Api.Result<T>.Invalid(modelState
        .Where(e => e.Value is { Errors.Count: > 0 })
        .ToDictionary(e => e.Key, e => e.Value!.Errors.Select(x => string.IsNullOrEmpty(x.ErrorMessage) ? $"The value '{e.Value.AttemptedValue}' is not valid." : x.ErrorMessage).ToArray()));

    public static string Join(IReadOnlyDictionary<string, string[]> errors) => string.Join(" ", errors.Values.SelectMany(m => m));

    public static IHtmlContent For(ModelStateDictionary modelState, string key)
    {
        if (!modelState.TryGetValue(key, out var entry) || entry.Errors.Count == 0)
        {
            return HtmlString.Empty;
        }
        var html = string.Join("<br />", entry.Errors.Select(e => Linkify(e.ErrorMessage)));
        return new HtmlString($"<div class=\"invalid-feedback d-block\">{html}</div>");
    }

    public static IHtmlContent Summary(ModelStateDictionary modelState)
    {
        var messages = modelState.Where(e => e.Value is { Errors.Count: > 0 }).SelectMany(e => e.Value!.Errors).Select(e => Linkify(e.ErrorMessage)).ToList();
        return messages.Count == 0
            ? HtmlString.Empty
            : new HtmlString($"<div class=\"alert alert-danger\" role=\"alert\"><strong>Please correct the highlighted fields.</strong><ul class=\"mb-0\">{string.Concat(messages.Select(m => $"<li>{m}</li>"))}</ul></div>");
    }

    public static string Linkify(string message) =>
        ContactPath().Replace(HtmlEncoder.Default.Encode(message), m => $"(<a href=\"/admin/contacts/{m.Groups[1].Value}\">open it</a>)");

    [GeneratedRegex(@"\(/admin/contacts/([0-9a-fA-F\-]{36})\)")]
    private static partial Regex ContactPath();
}
