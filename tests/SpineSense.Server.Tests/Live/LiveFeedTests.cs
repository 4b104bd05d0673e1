using System.Text.Json;
using SpineSense.Server.Data;
using SpineSense.Server.Live;

namespace SpineSense.Server.Tests.Live;

public class LiveFeedTests
{
    private sealed class NoSession : ILiveSession
    {
        public string AthleteId => "Sam";
        public string Plan => "beginner";
        public IObservable<LiveEvent> Events => throw new NotSupportedException();
        public void Start() { }
        public void Stop() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Pushes_at_least_ten_frames_a_second_with_every_point_in_order_and_little_lag()
    {
        using var feed = new LiveFeed("live-1", new NoSession());
        var reader = feed.Subscribe(out var unsubscribe);
        var producer = Task.Run(async () =>
        {
            // 1.5 s of a 200 Hz sensor delivered in 10-sample packets, as the pipeline does.
            for (int packet = 0; packet < 30; packet++)
            {
                for (int i = 0; i < 10; i++)
                {
                    int n = packet * 10 + i;
                    feed.Publish(new AngleSnapshot(n / 200.0, n * 0.1, 0, 0));
                }
                if (packet == 15) feed.Publish(new RepCompleted(new RepRow("goblet-squat", 1, 1, 0, 2, 1, 0.2, 0.8, 0, 55, [])));
                await Task.Delay(50);
            }
            feed.Publish(new SessionEnded("finished", "sess-1"));
        });

        var frames = new List<LiveFrame>();
        var arrivals = new List<DateTime>();
        await foreach (string json in reader.ReadAllAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token))
        {
            frames.Add(JsonSerializer.Deserialize<LiveFrame>(json, DashboardJson.Options)!);
            arrivals.Add(DateTime.UtcNow);
        }
        await producer;
        unsubscribe();

        Assert.True(frames[0].Snapshot);
        var live = frames.Skip(1).ToList();
        double seconds = (arrivals[^1] - arrivals[1]).TotalSeconds;
        Assert.True(live.Count / seconds >= 10, $"{live.Count} frames in {seconds:0.00} s");
        var times = live.SelectMany(f => f.Angles).Select(a => a[0]).ToList();
        Assert.Equal(300, times.Count);
        Assert.Equal(times.OrderBy(t => t), times);
        Assert.All(live, f => Assert.True(f.AgeMs < 100, $"frame {f.Seq} held its oldest point {f.AgeMs} ms"));
        Assert.Equal(1, live[^1].RepCount);
        Assert.Single(live.SelectMany(f => f.Reps));
        Assert.Equal("sess-1", live[^1].StoredSessionId);
        Assert.Equal(0, feed.DroppedFrames);
    }

    [Fact]
    public void A_late_viewer_gets_the_recent_trace_reps_and_state_first()
    {
        using var feed = new LiveFeed("live-2", new NoSession());
        for (int n = 0; n < 200 * 40; n++) feed.Publish(new AngleSnapshot(n / 200.0, 10, 0, 0));
        feed.Publish(new RunnerState("goblet-squat", 2, 3, 4, 10, "inSet", null, 60, 20));
        feed.Publish(new RepCompleted(new RepRow("goblet-squat", 2, 4, 30, 32, 1, 0.2, 0.8, 0, 50, [])));

        var reader = feed.Subscribe(out var unsubscribe);
        Assert.True(reader.TryRead(out string? json));
        var snap = JsonSerializer.Deserialize<LiveFrame>(json!, DashboardJson.Options)!;
        unsubscribe();
        Assert.True(snap.Snapshot);
        Assert.Equal("goblet-squat", snap.State!.Exercise);
        Assert.Single(snap.Reps);
        // The last 30 s only: 40 s were published.
        Assert.InRange(snap.Angles[0][0], 9.99, 10.01);
        Assert.InRange(snap.Angles[^1][0], 39.99, 40.0);
    }
}
