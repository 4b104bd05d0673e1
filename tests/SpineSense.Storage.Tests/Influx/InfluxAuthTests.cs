using SpineSense.Storage.Model;
using SpineSense.TestSupport;
using static SpineSense.Storage.Tests.Influx.InfluxTestKit;

namespace SpineSense.Storage.Tests.Influx;

/// <summary>A real influxd with authentication on: wrong credentials are one clear error; the right ones replay the outbox.</summary>
[Collection("influx-faults")]
public sealed class InfluxAuthTests() : OwnInfluxServerTests("spinesense-auth-", "spine", "admin", "right-pass")
{
    [Fact]
    public async Task Wrong_password_is_one_clear_error_without_the_password_then_the_right_one_replays_everything()
    {
        var bad = Target(Server, "spine", user: "admin", password: "wrong-pass-123");
        var e = await Assert.ThrowsAsync<StorageException>(() => SpineStore.OpenAsync(bad, Options(Dir)));
        Assert.Equal(StorageErrorCode.Unauthorized, e.Code);
        Assert.Contains("SPINESENSE_INFLUX_PASSWORD", e.Message);
        Assert.DoesNotContain("wrong-pass-123", e.Message);

        await using (var store = await SpineStore.OpenAsync(bad, Options(Dir, verify: false)))
        {
            var faults = new List<StorageException>();
            store.Faulted += f => { lock (faults) faults.Add(f); };
            var w = await store.StartSessionAsync(new SessionStart("Ann", T0, SessionId: "auth-1"));
            WriteSamples(w, 0, 3000);
            await w.FlushAsync();
            await WaitUntilAsync(() => { lock (faults) return faults.Count > 0; }, TimeSpan.FromSeconds(10), "the fault");
            await Task.Delay(800);
            lock (faults)
            {
                var f = Assert.Single(faults); // one report, no retry loop
                Assert.Equal(StorageErrorCode.Unauthorized, f.Code);
                Assert.DoesNotContain("wrong-pass-123", f.Message);
            }
            Assert.DoesNotContain("wrong-pass-123", store.Stats.LastError);
            Assert.False(store.Stats.Delivering);
            await Assert.ThrowsAsync<StorageException>(async () => await w.EndAsync(T0.AddSeconds(30)));
        }
        // Fixed configuration, same outbox: everything written under the wrong password arrives, once.
        await using (var store = await SpineStore.OpenAsync(Target(Server, "spine", user: "admin", password: "right-pass"), Options(Dir)))
        {
            Assert.True(await store.DrainAsync(TimeSpan.FromSeconds(30)));
        }
        Assert.Equal(3000, await Server.CountAsync("imu", "acc_x_g"));
        var session = await Server.RowsAsync("SELECT \"session_id\", \"end_unix_us\" FROM \"sessions\"");
        Assert.Equal("auth-1", Assert.Single(session)[1].GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, session[0][2].ValueKind); // the end arrived too
    }
}
