using System.Net;
using CrmPlatform.Core.Security;
using CrmPlatform.Tests.Infrastructure;
using CrmPlatform.Workflows.Activities;

namespace CrmPlatform.Tests.Workflows;

public sealed class HttpRequestTests(SqliteApp app) : IntegrationTest(app), IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.20.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Loopback_private_and_link_local_addresses_are_not_public(string address) =>
        Assert.False(OutboundAddressGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    public void Internet_addresses_are_public(string address) => Assert.True(OutboundAddressGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://127.0.0.1:9/hook", "127.0.0.1")]
    [InlineData("http://localhost:9/hook", "localhost")]
    [InlineData("http://169.254.169.254/latest/meta-data", "169.254.169.254")]
    public async Task The_http_activity_refuses_loopback_and_private_addresses(string url, string host)
    {
        var type = await App.CreateWorkflowAsync(new WorkflowBuilder("ManualTrigger")
            .Then("call", "HttpRequest", ("Url", url), ("Method", "GET"), ("AllowedHosts", host))
            .Build());
        using var client = await App.ApiClientAsync(Core.Users.UserRole.Admin);

        await client.PostAsync($"/api/v1/workflows/{type.Id}/trigger", null, Ct);

        var instance = Assert.Single(await App.InstancesOfAsync(type.Id));
        Assert.Equal("faulted", instance.Instance.Status);
        Assert.Contains("refused unless private networks are allowed", instance.Instance.FaultMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_http_activity_refuses_hosts_outside_its_allow_list()
    {
        var type = await App.CreateWorkflowAsync(new WorkflowBuilder("ManualTrigger")
            .Then("call", "HttpRequest", ("Url", "https://example.com/hook"), ("AllowedHosts", "hooks.example.org"))
            .Build());
        using var client = await App.ApiClientAsync(Core.Users.UserRole.Admin);

        await client.PostAsync($"/api/v1/workflows/{type.Id}/trigger", null, Ct);

        Assert.Contains("not in the activity's allowed hosts", Assert.Single(await App.InstancesOfAsync(type.Id)).Instance.FaultMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Private_addresses_are_reached_when_explicitly_allowed()
    {
        var type = await App.CreateWorkflowAsync(new WorkflowBuilder("ManualTrigger")
            .Then("call", "HttpRequest", ("Url", "http://127.0.0.1:9/hook"), ("Method", "GET"), ("AllowedHosts", "127.0.0.1"), ("AllowPrivateNetwork", "true"), ("TimeoutSeconds", "2"))
            .Build());
        using var client = await App.ApiClientAsync(Core.Users.UserRole.Admin);

        await client.PostAsync($"/api/v1/workflows/{type.Id}/trigger", null, Ct);

        // Nothing listens on port 9: the call is attempted and ends with the Failed outcome instead of a fault.
        var instance = Assert.Single(await App.InstancesOfAsync(type.Id));
        Assert.Equal("finished", instance.Instance.Status);
        Assert.Equal("Failed", instance.Log.Single(l => l.ActivityId == "call").Outcome);
    }
}
