using CrmPlatform.Contacts.Features;

namespace CrmPlatform.Contacts.Pages.Admin.Contacts;

/// <summary>What the shared contact form partial shows.</summary>
public sealed record ContactFormView(ContactInput Input, IReadOnlyList<CategoryOption> Categories);
