using SpineSense.Motion.Samples;
using SpineSense.Simulation.Geometry;
using SpineSense.Simulation.Kinematics;
using SpineSense.Simulation.Sensor;

namespace SpineSense.Simulation.Tests.Sensor;

/// <summary>The simulated sensor obeys physics, not just plausible shapes (issue 4, "Proof that it is realistic").</summary>
public class PhysicsTests
{
    private static double Norm(ImuSample s) => Math.Sqrt(s.AccXG * s.AccXG + s.AccYG * s.AccYG + s.AccZG * s.AccZG);

    private static IEnumerable<ImuSample> Between(ImuSample[] samples, double fromS, double toS) =>
        samples.Where(s => s.TimeS >= fromS && s.TimeS <= toS);

    [Fact]
    public void Accelerometer_reads_1_g_at_rest_within_sensor_errors()
    {
        // Typical LSM6DSx-class errors: ±30 mg offset per axis and ±1.5% scale bound |acc| to 1 ± 0.06 g;
        // white noise at 200 Hz is ≈ 1.4 mg RMS per axis, sway adds a few mg.
        var rest = Between(Scenarios.TypicalRdl.Samples, 0.2, 2.8).Select(Norm).ToArray();
        double mean = rest.Average();
        double sd = Math.Sqrt(rest.Select(n => (n - mean) * (n - mean)).Average());
        Assert.InRange(mean, 0.94, 1.06);
        Assert.InRange(sd, 0.0005, 0.01); // noisy, but only by noise

        var ideal = Between(Scenarios.IdealRdl.Samples, 0.2, 2.8).Select(Norm).ToArray();
        Assert.All(ideal, n => Assert.InRange(n, 0.99, 1.01));
    }

    [Fact]
    public void Nominal_mounting_upright_reads_plus_1_g_on_y()
    {
        var rest = Between(Scenarios.IdealRdl.Samples, 0.2, 2.8).ToArray();
        Assert.InRange(rest.Average(s => s.AccYG), 0.995, 1.005);
        Assert.InRange(Math.Abs(rest.Average(s => s.AccXG)), 0, 0.03);
        Assert.InRange(Math.Abs(rest.Average(s => s.AccZG)), 0, 0.03);
    }

    [Fact]
    public void Forward_flexion_tilts_gravity_toward_the_posterior_axis()
    {
        // Flexing forward by f rotates the segment about its left axis (+y anatomical), so world-up seen from
        // the segment becomes (−sin f, 0, cos f): it tilts toward posterior (−x anatomical), which is sensor +z
        // with the nominal mounting. The accelerometer reads +up at rest, hence acc_z_g ≈ +sin f, acc_y_g ≈ cos f.
        var rec = Scenarios.IdealRdl;
        int checkedReps = 0;
        foreach (var rep in rec.Truth.Reps)
        {
            var r = rep.Result;
            double bottomS = r.StartS + r.EccentricS + r.BottomPauseS / 2; // quasi-static bottom pause
            if (r.BottomPauseS < 0.2) continue;
            int i = Array.FindIndex(rec.Samples, s => s.TimeS >= bottomS);
            double f = Angles.DegToRad(rec.Truth.TrueAngles[i].FlexionDeg);
            Assert.True(f > Angles.DegToRad(30));
            Assert.Equal(Math.Sin(f), rec.Samples[i].AccZG, 0.03);
            Assert.Equal(Math.Cos(f), rec.Samples[i].AccYG, 0.03);
            checkedReps++;
        }
        Assert.True(checkedReps >= 5);
    }

    [Fact]
    public void Integrating_the_noiseless_gyro_reproduces_the_orientation()
    {
        var rec = Scenarios.IdealRdl;
        var clean = rec.CleanSamples;
        Quat TrueSensor(double t) => MotionTimeline.SegmentOrientation(rec.Timeline.PoseAt(t)) * rec.MountingDrift.At(t);
        Quat q = TrueSensor(clean[0].TimeS);
        double worstDeg = 0;
        for (int k = 1; k < clean.Length; k++)
        {
            double dt = clean[k].TimeS - clean[k - 1].TimeS;
            var omegaRad = new Vec3(clean[k].GyrXDps, clean[k].GyrYDps, clean[k].GyrZDps) * Angles.DegToRad(1);
            q = (q * Quat.FromRotationVector(omegaRad * dt)).Normalized();
            if (k % 50 == 0) worstDeg = Math.Max(worstDeg, (TrueSensor(clean[k].TimeS).Conjugate * q).AngleDeg);
        }
        Assert.True(clean[^1].TimeS > 60, "long enough to accumulate errors");
        Assert.InRange(worstDeg, 0, 0.5);
    }

    [Fact]
    public void Strap_slips_turn_the_sensor_and_the_gyro_feels_it()
    {
        var rec = Scenarios.Get(new ScenarioSpec { Exercise = "glute-bridge", Sets = 3, Reps = 3, RestS = 25, RateHz = 104, Seed = 6, Noise = NoiseLevel.High });
        Assert.True(rec.MountingDrift.SlipCount >= 1);
        Assert.InRange((rec.Mounting.SensorToAnatomical.Conjugate * rec.MountingDrift.Final).AngleDeg, 0.1, 10);
        var clean = rec.CleanSamples;
        Quat TrueSensor(double t) => MotionTimeline.SegmentOrientation(rec.Timeline.PoseAt(t)) * rec.MountingDrift.At(t);
        Quat q = TrueSensor(clean[0].TimeS);
        for (int k = 1; k < clean.Length; k++)
        {
            var omegaRad = new Vec3(clean[k].GyrXDps, clean[k].GyrYDps, clean[k].GyrZDps) * Angles.DegToRad(1);
            q = (q * Quat.FromRotationVector(omegaRad * (clean[k].TimeS - clean[k - 1].TimeS))).Normalized();
        }
        Assert.InRange((TrueSensor(clean[^1].TimeS).Conjugate * q).AngleDeg, 0, 1.0);
    }

    [Fact]
    public void Jump_reads_about_0_g_in_flight_and_spikes_on_landing()
    {
        var rec = Scenarios.Get(new ScenarioSpec
        {
            Exercise = "hip-hinge-drill", Sets = 2, Reps = 3, RestS = 30, RateHz = 416, Seed = 5,
            Hazard = Sessions.Hazard.Jumping, IdealSensor = true, Mounting = Mounting.Nominal,
        });
        var jumps = rec.Timeline.Overlays.OfType<JumpOverlay>().ToList();
        Assert.NotEmpty(jumps);
        foreach (var jump in jumps)
        {
            var flight = Between(rec.CleanSamples, jump.TakeoffS + 0.03, jump.TouchdownS - 0.03).Select(Norm).ToArray();
            Assert.True(flight.Length > 20);
            Assert.All(flight, n => Assert.InRange(n, 0, 0.1)); // free fall: the accelerometer reads no force
            double landing = Between(rec.CleanSamples, jump.TouchdownS, jump.TouchdownS + 0.2).Max(Norm);
            Assert.InRange(landing, 2.8, 8); // lumbar landing peaks of 3–6 g
        }
        // Every landing is one impact alert at the catalog's 2.5 g.
        Assert.Equal(jumps.Count, rec.Truth.Alerts.Count(a => a.Kind == Motion.Results.AlertKind.Impact));
    }

    [Fact]
    public void Mounting_tilt_shows_as_gravity_on_z_and_strap_rotation_as_gravity_on_x()
    {
        var tilted = Scenarios.Get(new ScenarioSpec { Exercise = "hip-hinge-drill", Sets = 1, Reps = 2, Seed = 2, IdealSensor = true, Mounting = new Mounting(0, 15) });
        var strapped = Scenarios.Get(new ScenarioSpec { Exercise = "hip-hinge-drill", Sets = 1, Reps = 2, Seed = 2, IdealSensor = true, Mounting = new Mounting(20, 0) });
        var t = Between(tilted.Samples, 0.2, 2.5).ToArray();
        var s = Between(strapped.Samples, 0.2, 2.5).ToArray();
        Assert.Equal(Math.Sin(Angles.DegToRad(15)), Math.Abs(t.Average(x => x.AccZG)), 0.02);
        Assert.InRange(Math.Abs(t.Average(x => x.AccXG)), 0, 0.02);
        Assert.Equal(Math.Sin(Angles.DegToRad(20)), Math.Abs(s.Average(x => x.AccXG)), 0.02);
        Assert.InRange(Math.Abs(s.Average(x => x.AccZG)), 0, 0.02);
    }

    [Fact]
    public void Walking_heel_strikes_stay_below_the_impact_limit()
    {
        var rec = Scenarios.Get(new ScenarioSpec { Exercise = "banded-walk", Sets = 1, Reps = 20, Seed = 8, IdealSensor = true });
        double peak = rec.CleanSamples.Max(Norm);
        Assert.InRange(peak, 1.1, 2.3); // step jolts are visible, but nowhere near a jump's landing
    }
}
