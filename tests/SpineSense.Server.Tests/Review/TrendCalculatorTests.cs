using SpineSense.Server.Data;
using SpineSense.Server.Review;

namespace SpineSense.Server.Tests.Review;

public class TrendCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero); // a Wednesday

    private static SessionDetail Session(DateTimeOffset start, double[] peaks, double[] durationsS, int alerts, string exercise = "goblet-squat")
    {
        var reps = new List<RepRow>();
        double t = 0;
        for (int i = 0; i < peaks.Length; i++)
        {
            reps.Add(new RepRow(exercise, 1, i + 1, t, t + durationsS[i], 1, 0.2, 1, 0.5, peaks[i], []));
            t += durationsS[i] + 1;
        }
        var info = new SessionInfo("s" + start.Ticks, "Sam", start, t, "beginner", 1, reps.Count, alerts, peaks.Max());
        var alertRows = Enumerable.Range(0, alerts).Select(i => new AlertRow(i, "flexion", 70, 60)).ToList();
        return new SessionDetail(info, [], reps, alertRows, [], []);
    }

    [Fact]
    public void Weeks_start_on_monday_utc() =>
        Assert.Equal(new DateOnly(2026, 11, 23), TrendCalculator.WeekStart(Now));

    [Fact]
    public void Summarises_each_week_with_peak_median_alert_rate_and_tempo_variation()
    {
        var sessions = new[]
        {
            Session(Now.AddDays(-1), [40, 50, 60], [2, 2, 2], alerts: 1),
            Session(Now.AddDays(-8), [30, 30, 90, 30], [2, 3, 2, 3], alerts: 0),
        };
        var weeks = TrendCalculator.Weekly(sessions, weeks: 3, Now);
        Assert.Equal(3, weeks.Count);
        Assert.Equal(0, weeks[0].Sessions);
        Assert.Null(weeks[0].PeakFlexionDeg);

        var last = weeks[1];
        Assert.Equal(new DateOnly(2026, 11, 16), last.WeekStart);
        Assert.Equal(4, last.Reps);
        Assert.Equal(90, last.PeakFlexionDeg!.Value, 6);
        Assert.Equal(30, last.TypicalFlexionDeg!.Value, 6); // median ignores the one deep rep
        Assert.Equal(0, last.AlertsPer100Reps);
        // durations 2,3,2,3: mean 2.5, sample sd 0.577 -> 23.09 %
        Assert.Equal(23.09, last.TempoCvPct!.Value, 1);

        var current = weeks[2];
        Assert.Equal(1, current.Sessions);
        Assert.Equal(33.33, current.AlertsPer100Reps, 1);
        Assert.Equal(0, current.TempoCvPct!.Value, 6);
        Assert.Equal(3, current.ByExercise["goblet-squat"].Reps);
    }

    [Fact]
    public void Behind_plan_names_the_window_it_counts_the_last_7_days_not_the_calendar_week()
    {
        // The count covers the 7 days before now (two sessions 6 and 5 days ago, one of them in the previous ISO
        // week of the trends page); "this week" read as the calendar week.
        var athlete = new AthleteInfo("Sam", "Sam", "lee", null, new AthleteLimits(null, null, null, null));
        var row = TrendCalculator.Overview(athlete,
            [Session(Now.AddDays(-6), [40, 40, 40], [2, 2, 2], 0), Session(Now.AddDays(-5), [40, 40, 40], [2, 2, 2], 0)], Now);
        Assert.Equal("behind plan: 2 of 3 sessions in the last 7 days", Assert.Single(row.Attention));
    }

    [Fact]
    public void Flags_an_athlete_who_skipped_the_week_or_keeps_triggering_alerts()
    {
        var athlete = new AthleteInfo("Sam", "Sam", "lee", null, new AthleteLimits(null, null, null, null));
        var idle = TrendCalculator.Overview(athlete, [Session(Now.AddDays(-12), [40, 40, 40], [2, 2, 2], 0)], Now);
        Assert.Contains(idle.Attention, a => a.Contains("no session"));

        var risky = TrendCalculator.Overview(athlete,
            [Session(Now.AddDays(-1), [70, 72, 75], [2, 2, 2], 3), Session(Now.AddDays(-2), [40, 40, 40], [2, 2, 2], 0), Session(Now.AddDays(-3), [40, 40, 40], [2, 2, 2], 0)], Now);
        Assert.Contains(risky.Attention, a => a.Contains("frequent alerts"));
        Assert.DoesNotContain(risky.Attention, a => a.Contains("behind plan"));

        var fine = TrendCalculator.Overview(athlete,
            [Session(Now.AddDays(-1), [40, 40, 40], [2, 2, 2], 0), Session(Now.AddDays(-2), [40, 40, 40], [2, 2, 2], 0), Session(Now.AddDays(-3), [40, 40, 40], [2, 2, 2], 0)], Now);
        Assert.Empty(fine.Attention);
    }
}
