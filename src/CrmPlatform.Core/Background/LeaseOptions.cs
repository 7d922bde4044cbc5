namespace CrmPlatform.Core.Background;

/// <summary>
/// The <c>Workers</c> configuration section: how long a node holds the work it claimed before another node may take it
/// over. A node killed mid-batch leaves its rows leased for this long, so shorter leases mean faster take-over; a lease
/// must still outlast the slowest batch (an outbox batch, one workflow run), or two nodes would do the same work and
/// only the owner's result would be kept.
/// </summary>
public sealed class LeaseOptions
{
    public const string Section = "Workers";

    /// <summary>Lease on a claimed batch of outbox rows (default two minutes).</summary>
    public int OutboxLeaseSeconds { get; set; } = 120;

    /// <summary>Lease on a workflow instance while one node runs it (default five minutes).</summary>
    public int WorkflowLeaseSeconds { get; set; } = 300;

    public TimeSpan OutboxLease => TimeSpan.FromSeconds(Math.Max(1, OutboxLeaseSeconds));

    public TimeSpan WorkflowLease => TimeSpan.FromSeconds(Math.Max(1, WorkflowLeaseSeconds));
}
