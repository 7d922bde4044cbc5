namespace CrmPlatform.Contacts.Data;

/// <summary>CONTACTS.type.</summary>
public enum ContactType
{
    Entrepreneur,
    Employee,
}

/// <summary>CONTACT_ACTIVITIES.type.</summary>
public enum ActivityType
{
    Reminder,
    Todo,
    Meeting,
    Call,
    Email,
    Other,
}

/// <summary>CONTACT_SOCIAL_LINKS.platform.</summary>
public enum SocialPlatform
{
    Facebook,
    Linkedin,
    Instagram,
    Twitter,
    Youtube,
    Other,
}
