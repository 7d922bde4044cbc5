using CrmPlatform.Core.Features;
using CrmPlatform.Core.Modules;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace CrmPlatform.Core.Hosting;

/// <summary>Tags each Razor page with the module that owns it, so the feature gate can answer 404 while it is off.</summary>
internal sealed class FeaturePageConvention(ModuleCatalog catalog) : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        var module = catalog.ForType(model.HandlerType) ?? catalog.ForType(model.ModelType ?? model.HandlerType);
        if (module is not null && !module.AlwaysEnabled)
        {
            model.EndpointMetadata.Add(new FeatureMetadata(module.Id));
        }
    }
}
