using System.Collections.Concurrent;
using System.Globalization;

namespace SpineSense.Server.Live;

/// <summary>The live sessions this server is showing, by id. Ended sessions stay listed (for late viewers) until disposed.</summary>
public sealed class LiveSessionRegistry : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (LiveFeed Feed, IDisposable Subscription)> _feeds = new();
    private readonly ILiveSessionSource? _source;
    private int _next;

    public LiveSessionRegistry(ILiveSessionSource? source) => _source = source;

    public bool CanSimulate => _source is not null;

    public IEnumerable<LiveFeed> Feeds => _feeds.Values.Select(v => v.Feed);

    public LiveFeed? Find(string id) => _feeds.TryGetValue(id, out var v) ? v.Feed : null;

    /// <summary>Starts a simulated session and begins feeding it to the dashboard.</summary>
    public async Task<LiveFeed> StartSimulatedAsync(string athleteId, string plan, double speed, int seed, CancellationToken cancel)
    {
        if (_source is null) throw new InvalidOperationException("this server has no live session source");
        var session = await _source.CreateSimulatedAsync(athleteId, plan, speed, seed, cancel);
        return Attach(session);
    }

    /// <summary>Shows an already created session (e.g. one the CLI started); starts it after subscribing.</summary>
    public LiveFeed Attach(ILiveSession session)
    {
        ForgetOldEndedFeeds();
        string id = "live-" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        var feed = new LiveFeed(id, session);
        var subscription = session.Events.Subscribe(new FeedObserver(feed));
        _feeds[id] = (feed, subscription);
        session.Start();
        return feed;
    }

    /// <summary>Simulated sessions cost a core each at high speed: more than this at once is refused.</summary>
    public const int MaxRunningSimulations = 4;

    /// <summary>Ended sessions kept for late viewers; older ones are forgotten when a new one starts.</summary>
    public const int KeptEndedFeeds = 20;

    public int Running => _feeds.Values.Count(v => !v.Feed.Ended);

    private void ForgetOldEndedFeeds()
    {
        var ended = _feeds.Where(kv => kv.Value.Feed.Ended).OrderByDescending(kv => kv.Value.Feed.StartedUtc).Skip(KeptEndedFeeds).ToList();
        foreach (var (id, (feed, subscription)) in ended)
        {
            if (!_feeds.TryRemove(id, out _)) continue;
            subscription.Dispose();
            _ = feed.Session.DisposeAsync().AsTask();
            feed.Dispose();
        }
    }

    private sealed class FeedObserver(LiveFeed feed) : IObserver<LiveEvent>
    {
        private int _ended;
        public void OnNext(LiveEvent value)
        {
            if (value is SessionEnded) Interlocked.Exchange(ref _ended, 1);
            feed.Publish(value);
        }
        public void OnError(Exception error)
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0) feed.Publish(new SessionEnded("failed: " + error.Message, null));
        }
        public void OnCompleted()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0) feed.Publish(new SessionEnded("finished", null));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (feed, subscription) in _feeds.Values)
        {
            feed.Session.Stop();
            subscription.Dispose();
            await feed.Session.DisposeAsync();
            feed.Dispose();
        }
        _feeds.Clear();
    }
}
