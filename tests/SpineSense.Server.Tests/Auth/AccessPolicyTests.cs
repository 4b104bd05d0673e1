using SpineSense.Server.Auth;
using SpineSense.Server.Data;

namespace SpineSense.Server.Tests.Auth;

public class AccessPolicyTests
{
    private static readonly AthleteLimits NoLimits = new(null, null, null, null);
    private static readonly AthleteInfo Sam = new("Sam", "Sam", "lee", null, NoLimits);
    private static readonly AthleteInfo Kim = new("Kim", "Kim", "ana", null, NoLimits);
    private static readonly AthleteInfo Orphan = new("Demo", "Demo", null, null, NoLimits);

    [Fact]
    public void An_athlete_sees_only_themself_and_manages_nothing()
    {
        var sam = new DashboardUser("sam", DashboardRole.Athlete, "Sam");
        Assert.True(AccessPolicy.CanRead(sam, Sam));
        Assert.False(AccessPolicy.CanRead(sam, Kim));
        Assert.False(AccessPolicy.CanRead(sam, Orphan));
        Assert.False(AccessPolicy.CanManage(sam, Sam));
        Assert.False(AccessPolicy.CanCreateAthletes(sam));
    }

    [Fact]
    public void A_physio_sees_and_manages_only_their_own_athletes()
    {
        var lee = new DashboardUser("lee", DashboardRole.Physio, null);
        Assert.True(AccessPolicy.CanManage(lee, Sam));
        Assert.False(AccessPolicy.CanRead(lee, Kim));
        Assert.False(AccessPolicy.CanRead(lee, Orphan));
    }

    [Fact]
    public void The_local_user_of_an_open_loopback_server_sees_everyone()
    {
        Assert.True(AccessPolicy.CanManage(DashboardUser.Local, Kim));
        Assert.True(AccessPolicy.CanRead(DashboardUser.Local, Orphan));
    }
}
