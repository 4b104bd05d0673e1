using SpineSense.Simulation.Sensor;

namespace SpineSense.Simulation.Tests.Sensor;

public class PacketLossTests
{
    private static SimulatedRecording Lossy => Scenarios.Get(new ScenarioSpec
    {
        Exercise = "goblet-squat", Sets = 2, Reps = 5, RestS = 25, RateHz = 104, Seed = 21, LossPercent = 10,
    });

    [Fact]
    public void Loss_removes_about_the_requested_share_of_rows()
    {
        var rec = Lossy;
        double lost = 1 - (double)rec.Samples.Length / rec.CleanSamples.Length;
        Assert.InRange(lost, 0.05, 0.16);
    }

    [Fact]
    public void Kept_rows_stay_on_the_sensor_grid_within_jitter()
    {
        var rec = Lossy;
        double period = 1 / rec.ActualRateHz;
        double bound = 0.3 / rec.RateHz + 1e-6; // jitter is clamped to ±30% of the nominal period
        int j = 0;
        for (int k = 0; k < rec.Kept.Length; k++)
        {
            if (!rec.Kept[k]) continue;
            Assert.InRange(rec.Samples[j].TimeS - k * period, -bound, bound);
            j++;
        }
        Assert.Equal(rec.Samples.Length, j);
    }

    [Fact]
    public void Whole_packets_go_missing_and_never_during_calibration()
    {
        var rec = Lossy;
        int run = 0, runStart = 0, runs = 0;
        for (int k = 0; k <= rec.Kept.Length; k++)
        {
            bool kept = k == rec.Kept.Length || rec.Kept[k];
            if (!kept)
            {
                if (run == 0) runStart = k;
                run++;
                continue;
            }
            if (run > 0)
            {
                Assert.Equal(0, runStart % PacketLoss.SamplesPerPacket);
                Assert.Equal(0, run % PacketLoss.SamplesPerPacket);
                Assert.True(rec.CleanSamples[runStart].TimeS >= rec.Spec.CalibrationS);
                runs++;
            }
            run = 0;
        }
        Assert.True(runs >= 3);
    }
}
