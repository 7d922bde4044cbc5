using Microsoft.AspNetCore.Http;

namespace CrmPlatform.Core.Features;

/// <summary>Answers 404 for any endpoint (page, API, public route) of a disabled feature.</summary>
internal sealed class FeatureGateMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IFeatureManager features)
    {
        var feature = context.GetEndpoint()?.Metadata.GetMetadata<FeatureMetadata>();
        if (feature is not null && !await features.IsEnabledAsync(feature.ModuleId, context.RequestAborted))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await next(context);
    }
}
