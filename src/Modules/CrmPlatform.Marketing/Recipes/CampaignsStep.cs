using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Recipes;
using CrmPlatform.Marketing.Data;
using CrmPlatform.Marketing.Features;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Marketing.Recipes;

/// <summary>
/// <c>{ "name": "campaigns", "campaigns": [ { "name", "description", "type": "email|whatsapp|sms", "subject", "content",
/// "category" } ] }</c>. Campaigns are created as drafts (a recipe never sends anything), matched by name: an existing
/// draft gets the step's fields, a campaign that has started is left alone. The category must exist when the step runs.
/// </summary>
internal sealed class CampaignsStep : IRecipeStepHandler
{
    public string StepName => "campaigns";

    internal sealed class CampaignEntry
    {
        public string Name { get; set; } = "";
        public string? Description { get; set; }
        public string Type { get; set; } = "";
        public string? Subject { get; set; }
        public string Content { get; set; } = "";
        public string Category { get; set; } = "";
    }

    public Task ValidateAsync(RecipeStep step, RecipeContext context, List<string> errors, CancellationToken ct)
    {
        var entries = RecipeJson.Read<CampaignEntry[]>(step, "campaigns", errors) ?? [];
        for (var i = 0; i < entries.Length; i++)
        {
            var e = entries[i];
            var path = $"campaigns[{i}]";
            if (!EnumNames.TryParse<CampaignType>(e.Type, out var type))
            {
                errors.Add($"{path}.type: one of email, whatsapp, sms.");
                continue;
            }
            errors.AddRange(RequestValidator.Validate(ToInput(e, type, Guid.Empty)).SelectMany(kv => kv.Value.Select(m => $"{path}.{kv.Key}: {m}")));
            if (e.Category is { Length: 0 or > ContactCategory.NameMaxLength })
            {
                errors.Add($"{path}.category: a category name of 1 to {ContactCategory.NameMaxLength} characters.");
            }
        }
        return Task.CompletedTask;
    }

    public async Task ExecuteAsync(RecipeStep step, RecipeContext context, CancellationToken ct)
    {
        var db = context.Db;
        foreach (var e in RecipeJson.Read<CampaignEntry[]>(step, "campaigns", []) ?? [])
        {
            _ = EnumNames.TryParse<CampaignType>(e.Type, out var type); // validated before
            var categoryId = await db.Set<ContactCategory>().Where(c => c.NormalizedName == ContactCategory.Normalize(e.Category)).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct)
                ?? throw new RecipeException([$"campaigns: no category is named '{e.Category}'."]);
            var name = e.Name.Trim();
            var campaign = await db.Set<MarketingCampaign>().FirstOrDefaultAsync(c => c.Name == name, ct);
            if (campaign is null)
            {
                campaign = new MarketingCampaign { CreatedById = context.AdminUserId };
                db.Add(campaign);
            }
            else if (!campaign.IsEditable)
            {
                continue;
            }
            ToInput(e, type, categoryId).ApplyTo(campaign);
            await db.SaveChangesAsync(ct);
        }
    }

    private static CampaignInput ToInput(CampaignEntry e, CampaignType type, Guid categoryId) => new()
    {
        Name = e.Name, Description = e.Description, Type = type, Subject = e.Subject, Content = e.Content, CategoryId = categoryId,
    };
}
