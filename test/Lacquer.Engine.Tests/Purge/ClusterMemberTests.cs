// When a waiting purge may count a member as settled (docs/cluster.md, "Acknowledged purge" and "Members that
// disappear"): it applied the purge, or it fails closed and its lease ended, or it stayed silent past its drop time.
using Lacquer.Configuration;
using Lacquer.Purge.Cluster;

namespace Lacquer.Purge;

public sealed class ClusterMemberTests
{
    [Fact]
    public void Parse_Reads_Lease_End_Policy_And_Drop_Time_And_Sorts_By_Id()
    {
        var members = ClusterMember.Parse(["b", "2000 serve 7000", "a", "1000 bypass 3000", "old", "1500 serve"], ["a", "12", "b", "x"]);

        Assert.Equal(
            [
                new ClusterMember("a", 12, 1000, PartitionPolicy.Bypass, 3000),
                new ClusterMember("b", 0, 2000, PartitionPolicy.Serve, 7000),
                new ClusterMember("old", 0, 1500, PartitionPolicy.Serve, long.MaxValue),
            ],
            members);
    }

    [Theory]
    [InlineData(false, 10, 1000, 5000, 5, 500, true)]     // applied the purge
    [InlineData(false, 4, 1000, 5000, 5, 999, false)]     // neither applied nor expired
    [InlineData(false, 4, 1000, 5000, 5, 1000, true)]     // its lease ended: it fails closed
    [InlineData(true, 4, 1000, 5000, 5, 1000, false)]     // lease ended, but it keeps serving
    [InlineData(true, 4, 1000, 5000, 5, 4999, false)]     // ... until its drop time
    [InlineData(true, 4, 1000, 5000, 5, 5000, true)]      // dropped: it stopped serving from cache
    [InlineData(true, 9, 1000, 5000, 9, 10, true)]        // applied it, whatever the clock
    public void Settled_Needs_The_Purge_Applied_A_Bypass_Lease_Ended_Or_The_Drop_Time_Passed(
        bool serve, long applied, long leaseEnd, long goneAt, long sequence, long now, bool settled)
    {
        Assert.Equal(settled, new ClusterMember("n", applied, leaseEnd, serve ? PartitionPolicy.Serve : PartitionPolicy.Bypass, goneAt).Settled(sequence, now));
    }
}
