using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CrmPlatform.Marketing.Data;
using Fluid;
using Ganss.Xss;

namespace CrmPlatform.Marketing.Features;

/// <summary>What a campaign template can say about its recipient: <c>{{ contact.name }}</c>, <c>{{ contact.company }}</c>…</summary>
public sealed record RecipientData(Guid ContactId, string Name, string Email, string Phone, string Location, string Type,
    string? Company, string? Designation, string? Industry, string? Website, string? PersonalityType, string? Category)
{
    public static RecipientData Sample { get; } = new(Guid.Empty, "Jane Doe", "jane.doe@example.com", "+15555550100", "Springfield", "employee",
        "Example Ltd", "Head of Operations", "Manufacturing", "https://example.com", "Analyst", "Customers");

    public string FirstName => Name.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? Name;
}

/// <summary>The tracking URLs of one message; null members are left out (preview, test sends).</summary>
public sealed record MessageLinks(string? UnsubscribeUrl, string? OpenPixelUrl, Func<string, string>? Click);

/// <summary>A rendered message: subject, sanitised HTML (email only) and the text body (the SMS text, or email's plain part).</summary>
public sealed record RenderedMessage(string Subject, string? Html, string Text);

/// <summary>The campaign's subject and content, parsed once.</summary>
public sealed record CompiledCampaign(CampaignType Type, IFluidTemplate Subject, IFluidTemplate Content);

/// <summary>
/// Liquid (Fluid) campaign templates: validation with the parser's message, rendering per recipient (values HTML-encoded in
/// email), HTML sanitising (no scripts, event handlers or javascript: URLs), click-tracking of every http(s) link, the open
/// pixel, and the automatic plain-text part.
/// </summary>
public sealed class CampaignTemplates
{
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = new() { MaxSteps = 200_000, MaxRecursion = 32 };
    private readonly ConcurrentDictionary<(Guid, DateTime), CompiledCampaign> _compiled = new();

    /// <summary>Field → message for the subject and content; empty when both parse.</summary>
    public static Dictionary<string, string[]> Validate(string? subject, string? content)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(subject) && !Parser.TryParse(subject, out _, out var subjectError))
        {
            errors["Subject"] = [$"The subject is not a valid Liquid template: {subjectError}"];
        }
        if (!string.IsNullOrEmpty(content) && !Parser.TryParse(content, out _, out var contentError))
        {
            errors["Content"] = [$"The content is not a valid Liquid template: {contentError}"];
        }
        return errors;
    }

    public static CompiledCampaign Compile(CampaignType type, string subject, string content) =>
        Parser.TryParse(subject, out var s, out var subjectError) && Parser.TryParse(content, out var c, out subjectError)
            ? new CompiledCampaign(type, s, c)
            : throw new TemplateException($"The template is not valid Liquid: {subjectError}");

    /// <summary>Compiled once per campaign version (its <c>UpdatedAt</c>); the sender renders thousands of messages from it.</summary>
    public CompiledCampaign For(MarketingCampaign campaign)
    {
        if (_compiled.Count > 200)
        {
            _compiled.Clear();
        }
        return _compiled.GetOrAdd((campaign.Id, campaign.UpdatedAt), _ => Compile(campaign.Type, campaign.Subject, campaign.Content));
    }

    public static async Task<RenderedMessage> RenderAsync(CompiledCampaign campaign, string campaignName, RecipientData recipient, MessageLinks links)
    {
        var context = new TemplateContext(Options);
        context.SetValue("contact", new Dictionary<string, object?>
        {
            ["id"] = recipient.ContactId.ToString(),
            ["name"] = recipient.Name,
            ["first_name"] = recipient.FirstName,
            ["email"] = recipient.Email,
            ["phone"] = recipient.Phone,
            ["location"] = recipient.Location,
            ["type"] = recipient.Type,
            ["company"] = recipient.Company,
            ["designation"] = recipient.Designation,
            ["industry"] = recipient.Industry,
            ["website"] = recipient.Website,
            ["personality_type"] = recipient.PersonalityType,
            ["category"] = recipient.Category,
        });
        context.SetValue("campaign", new Dictionary<string, object?> { ["name"] = campaignName });
        context.SetValue("unsubscribe_url", links.UnsubscribeUrl ?? "#unsubscribe");
        try
        {
            var subject = (await campaign.Subject.RenderAsync(context, NullEncoder.Default)).ReplaceLineEndings(" ").Trim();
            if (campaign.Type != CampaignType.Email)
            {
                var text = (await campaign.Content.RenderAsync(context, NullEncoder.Default)).Trim();
                return new RenderedMessage(subject, null, text);
            }
            var html = Sanitize(await campaign.Content.RenderAsync(context, HtmlEncoder.Default), links);
            return new RenderedMessage(subject, html, ToText(html));
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not TemplateException)
        {
            throw new TemplateException($"The template could not be rendered: {ex.Message}");
        }
    }

    /// <summary>Removes what could run script, then points every http(s) link at the click redirect and adds the pixel.</summary>
    internal static string Sanitize(string html, MessageLinks links)
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("tel");
        sanitizer.AllowedAttributes.Add("class");
        if (links.Click is { } click)
        {
            sanitizer.PostProcessNode += (_, e) =>
            {
                if (e.Node is IElement { LocalName: "a" } anchor && anchor.GetAttribute("href") is { } href
                    && (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                    && href != links.UnsubscribeUrl)
                {
                    anchor.SetAttribute("href", click(href));
                }
            };
        }
        var clean = sanitizer.Sanitize(html);
        if (links.OpenPixelUrl is { } pixel)
        {
            clean += $"<img src=\"{HtmlEncoder.Default.Encode(pixel)}\" width=\"1\" height=\"1\" alt=\"\" style=\"display:none\">";
        }
        return clean;
    }

    /// <summary>The plain-text part: text of the HTML, block elements on their own lines, links written out after their text.</summary>
    internal static string ToText(string html)
    {
        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");
        var text = new StringBuilder();
        Walk(document.Body!, text);
        var lines = text.ToString().Split('\n').Select(l => string.Join(' ', l.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries)));
        var result = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                if (result.Length > 0 && blank++ == 0)
                {
                    result.Append('\n');
                }
                continue;
            }
            blank = 0;
            result.Append(line).Append('\n');
        }
        return result.ToString().Trim();
    }

    private static void Walk(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(t.Data.Replace('\n', ' '));
                    break;
                case IElement { LocalName: "br" }:
                    text.Append('\n');
                    break;
                case IElement { LocalName: "img" or "style" or "head" or "title" }:
                    break;
                case IElement { LocalName: "a" } a:
                    var before = text.Length;
                    Walk(a, text);
                    var label = text.ToString(before, text.Length - before).Trim();
                    if (a.GetAttribute("href") is { Length: > 0 } href && !href.StartsWith('#') && label != href)
                    {
                        text.Append(" (").Append(href).Append(')');
                    }
                    break;
                case IElement { LocalName: "p" or "div" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "tr" or "table" or "ul" or "ol" or "blockquote" or "section" } block:
                    text.Append('\n');
                    Walk(block, text);
                    text.Append('\n');
                    break;
                case IElement { LocalName: "li" } li:
                    text.Append("\n- ");
                    Walk(li, text);
                    text.Append('\n');
                    break;
                case IElement element:
                    Walk(element, text);
                    break;
            }
        }
    }
}

/// <summary>A template that does not parse or fails while rendering; the message says why.</summary>
public sealed class TemplateException(string message) : Exception(message);
