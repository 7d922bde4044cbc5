using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Core.Workflows;

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Offers a task activity to workflows (call from the owning module's <c>ConfigureServices</c>). Domain events need
    /// nothing extra: every event registered with <c>AddDomainEvent</c> is a workflow event activity.
    /// </summary>
    public static IServiceCollection AddWorkflowTask<T>(this IServiceCollection services) where T : class, IWorkflowTask
    {
        services.AddScoped<T>();
        services.AddScoped<IWorkflowTask>(sp => sp.GetRequiredService<T>());
        return services;
    }
}
