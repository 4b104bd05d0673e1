using System.Globalization;
using System.Text;

namespace SpineSense.Cli.Tests;

/// <summary>
/// Recordings whose answer is known: an ideal sensor worn with the nominal mounting doing hinges.
/// With flexion f about the left axis the accelerometer reads (0, cos f, sin f) g and the gyro −df/dt on x.
/// </summary>
internal static class AnalyzeTestData
{
    public const string Header = "# spinesense-recording: 1\n# rate_hz: 100\ntime_s,acc_x_g,acc_y_g,acc_z_g,gyr_x_dps,gyr_y_dps,gyr_z_dps\n";

    /// <summary>Minimum-jerk hinge reps: down <paramref name="downS"/>, hold, up, pause; starting at 4 s.</summary>
    public static double Flexion(double t, int reps, double amplitudeDeg, double downS = 1.2, double bottomS = 0.3,
        double upS = 1.0, double topS = 0.6, double startS = 4)
    {
        double period = downS + bottomS + upS + topS;
        if (t < startS || t >= startS + reps * period) return 0;
        double u = (t - startS) % period;
        if (u < downS) return amplitudeDeg * MinJerk(u / downS);
        u -= downS;
        if (u < bottomS) return amplitudeDeg;
        u -= bottomS;
        return u < upS ? amplitudeDeg * (1 - MinJerk(u / upS)) : 0;
    }

    private static double MinJerk(double x) => x * x * x * (10 - 15 * x + 6 * x * x);

    public static string Hinges(int reps = 6, double amplitudeDeg = 60, double rateHz = 100, double tailS = 4, double downS = 1.2,
        double firstTimeS = 0)
    {
        var sb = new StringBuilder(Header);
        double period = downS + 0.3 + 1.0 + 0.6;
        double end = 4 + reps * period + tailS;
        for (int i = 0; i * (1.0 / rateHz) <= end; i++)
        {
            double t = i / rateHz;
            double f = Flexion(t, reps, amplitudeDeg, downS) * Math.PI / 180;
            double rate = (Flexion(t + 1e-4, reps, amplitudeDeg, downS) - Flexion(t - 1e-4, reps, amplitudeDeg, downS)) / 2e-4;
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0:F6},{1:F5},{2:F5},{3:F5},{4:F3},{5:F3},{6:F3}\n",
                t + firstTimeS, 0.0, Math.Cos(f), Math.Sin(f), -rate, 0.0, 0.0));
        }
        return sb.ToString();
    }

    /// <summary>Writes <paramref name="text"/> to a fresh temporary file and returns its path.</summary>
    public static string WriteTemp(string text, string name = "rec.csv")
    {
        string dir = Path.Combine(Path.GetTempPath(), "spinesense-analyze-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    public static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = await CommandRunner.RunAsync(args, new CliConsole(o, e, IsInteractive: false), CancellationToken.None);
        return (code, o.ToString(), e.ToString());
    }
}
