using CrmPlatform.Core.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCrmPlatform();

var app = builder.Build();
app.UseCrmPlatform();
return await app.RunCrmPlatformAsync(args);

/// <summary>The host's entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
