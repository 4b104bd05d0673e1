using SpineSense.Storage.Targets;

namespace SpineSense.Storage.Tests.Targets;

public class StoreTargetTests
{
    private static Func<string, string?> Env(params (string K, string V)[] vars)
    {
        var d = vars.ToDictionary(v => v.K, v => v.V);
        return k => d.TryGetValue(k, out var v) ? v : null;
    }

    [Fact]
    public void Defaults_to_sqlite_under_xdg_data_home()
    {
        var t = StoreTarget.Resolve(null, Env(("XDG_DATA_HOME", "/data/x"), ("HOME", "/home/u")));
        Assert.Equal(StoreKind.Sqlite, t.Kind);
        Assert.Equal("/data/x/spinesense/spinesense.db", t.SqlitePath);
    }

    [Fact]
    public void Defaults_to_local_share_without_xdg()
    {
        var t = StoreTarget.Resolve(null, Env(("HOME", "/home/u")));
        Assert.Equal("/home/u/.local/share/spinesense/spinesense.db", t.SqlitePath);
    }

    [Fact]
    public void Cli_option_wins_over_environment()
    {
        var t = StoreTarget.Resolve("sqlite:/tmp/a.db", Env((StoreTarget.EnvStore, "influx1://h:1/db")));
        Assert.Equal("/tmp/a.db", t.SqlitePath);
        var e = StoreTarget.Resolve(null, Env((StoreTarget.EnvStore, "influx1://h:1/db")));
        Assert.Equal(StoreKind.Influx1, e.Kind);
    }

    [Fact]
    public void Parses_influx1_with_credentials_from_environment()
    {
        var t = StoreTarget.Parse("influx1://127.0.0.1:8086/spine?rp=raw_90d",
            Env((StoreTarget.EnvUser, "physio"), (StoreTarget.EnvPassword, "s3cret!")));
        Assert.Equal(StoreKind.Influx1, t.Kind);
        Assert.Equal("127.0.0.1", t.Host);
        Assert.Equal(8086, t.Port);
        Assert.Equal("spine", t.Database);
        Assert.Equal("raw_90d", t.RetentionPolicy);
        Assert.Equal("physio", t.User);
        Assert.Equal("s3cret!", t.Password);
        Assert.DoesNotContain("s3cret", t.ToString());
    }

    [Fact]
    public void Parses_influx2_with_token_from_environment_and_hides_it()
    {
        var t = StoreTarget.Parse("influx2://db.clinic:8086?org=Clinic%20A&bucket=spine", Env((StoreTarget.EnvToken, "tok-XYZ")));
        Assert.Equal(StoreKind.Influx2, t.Kind);
        Assert.Equal("Clinic A", t.Org);
        Assert.Equal("spine", t.Bucket);
        Assert.Equal("tok-XYZ", t.Token);
        Assert.DoesNotContain("tok-XYZ", t.ToString());
    }

    [Theory]
    [InlineData("mysql://h:1/db")]
    [InlineData("influx1://h/db")]                 // no port
    [InlineData("influx1://h:8086")]               // no database
    [InlineData("influx1://h:8086/a/b")]           // two path parts
    [InlineData("influx1://h:8086/db?bucket=x")]   // option of the other kind
    [InlineData("influx2://h:8086?org=o")]         // no bucket
    [InlineData("influx2://h:8086/db?org=o&bucket=b")]
    [InlineData("influx2://h:notaport?org=o&bucket=b")]
    [InlineData("sqlite:/tmp/dir/")]
    public void Rejects_bad_targets_with_one_clear_error(string value)
    {
        var e = Assert.Throws<StorageException>(() => StoreTarget.Parse(value, Env()));
        Assert.Equal(StorageErrorCode.BadTarget, e.Code);
        Assert.Contains("store target", e.Message);
    }

    [Fact]
    public void Refuses_credentials_in_the_url_without_echoing_them()
    {
        var e = Assert.Throws<StorageException>(() => StoreTarget.Parse("influx1://bob:hunter2@h:8086/db", Env()));
        Assert.Equal(StorageErrorCode.BadTarget, e.Code);
        Assert.DoesNotContain("hunter2", e.Message);
    }

    [Theory]
    [InlineData("influx1://h:8086/db?u=bob&p=hunter2", "credentials")]      // InfluxDB 1.x's own query-string credentials
    [InlineData("influx1://h:8086/db?rp=autogen&password=hunter2", "credentials")]
    [InlineData("influx2://h:8086?org=o&bucket=b&token=hunter2", "credentials")]
    [InlineData("influx2://h:8086?org=o&bucket=b&secret=hunter2", "unknown option 'secret'")]
    [InlineData("influx2://h:8086?org=o&bucket=b&hunter2", "without a value")]
    public void Refuses_credentials_in_the_query_without_echoing_them(string value, string named)
    {
        var e = Assert.Throws<StorageException>(() => StoreTarget.Parse(value, Env()));
        Assert.Equal(StorageErrorCode.BadTarget, e.Code);
        Assert.DoesNotContain("hunter2", e.Message);
        Assert.Contains(named, e.Message);
        Assert.Contains("h:8086", e.Message); // the rest of the target still shows which one was meant
    }
}
