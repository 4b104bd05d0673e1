using SpineSense.Simulation.Geometry;
using SpineSense.Simulation.Kinematics;
using SpineSense.Simulation.Truth;

namespace SpineSense.Simulation.Tests.Kinematics;

public class CalibratedNeutralTests
{
    private static readonly Vec3 SensorZAsWorn = new(-1, 0, 0); // nominal mounting: sensor +z = posterior

    [Fact]
    public void A_stand_leaning_during_the_window_is_neutral_and_later_flexion_is_measured_from_it()
    {
        // The athlete stands 4° forward and 1.5° to the right during calibration: contract section 3 makes that the
        // neutral (gravity defines up), so the stand reads 0 and a 34° hinge reads 30° from it.
        var tl = new MotionTimeline(SwayModel.None(), new Vec3(-0.1, 0, 0.15));
        var stand = new Pose { FlexionDeg = 4, LateralDeg = 1.5 };
        tl.Track.Add(0, stand);
        tl.Track.Add(3, stand);
        tl.Track.Add(5, stand.With(flexionDeg: 34));
        tl.CalibrateNeutral(2, SensorZAsWorn);

        var atStand = TrueAngles.At(tl, 1);
        Assert.Equal(0, atStand.FlexionDeg, 1e-6);
        Assert.Equal(0, atStand.LateralDeg, 1e-6);
        Assert.Equal(0, atStand.RotationDeg, 1e-6);
        var hinged = TrueAngles.At(tl, 5);
        Assert.Equal(30, hinged.FlexionDeg, 0.05);
        Assert.Equal(0, hinged.LateralDeg, 0.1);
    }

    [Fact]
    public void Quiet_standing_sway_averages_to_zero_over_the_window_of_the_calibrated_neutral()
    {
        // Sway and breathing have components down to 0.05 Hz: over a 2 s window their mean is tenths of a degree,
        // which the designed neutral (identity) would leave in every angle as an offset the analyzer cannot see.
        var tl = new MotionTimeline(new SwayModel(new Random(131)), default);
        tl.Track.Add(0, new Pose { SwayGain = 0.7 });
        tl.Track.Add(10, new Pose { SwayGain = 0.7 });
        tl.CalibrateNeutral(2, SensorZAsWorn);

        double flexion = 0, lateral = 0, designedFlexion = 0;
        const int n = 2000;
        for (int i = 0; i < n; i++)
        {
            var a = TrueAngles.At(tl, i * 0.001);
            flexion += a.FlexionDeg / n;
            lateral += a.LateralDeg / n;
            designedFlexion += Angles.ToCardan(MotionTimeline.SegmentOrientation(tl.PoseAt(i * 0.001))).FlexionDeg / n;
        }
        Assert.Equal(0, flexion, 0.005);
        Assert.Equal(0, lateral, 0.005);
        Assert.True(Math.Abs(designedFlexion) > 0.02, $"this sway should have a visible mean over the window ({designedFlexion:F3}°)");
    }

    [Fact]
    public void The_neutral_posterior_follows_the_sensor_z_made_perpendicular_to_up()
    {
        // Leaning 3° right during calibration with the sensor tilted 20° by the lumbar curve: posterior = sensor +z made
        // perpendicular to up, so the neutral's heading turns by about 3°·tan 20° ≈ 1.1° against the segment's own.
        var tl = new MotionTimeline(SwayModel.None(), default);
        var stand = new Pose { LateralDeg = 3 };
        tl.Track.Add(0, stand);
        tl.Track.Add(3, stand);
        double tilt = Angles.DegToRad(20);
        tl.CalibrateNeutral(2, new Vec3(-Math.Cos(tilt), 0, Math.Sin(tilt)));
        Vec3 anterior = tl.CalibratedFrameInSegment.Rotate(new Vec3(1, 0, 0));
        Vec3 superior = tl.CalibratedFrameInSegment.Rotate(new Vec3(0, 0, 1));
        Vec3 sensorZ = new(-Math.Cos(tilt), 0, Math.Sin(tilt));
        Assert.Equal(0, anterior.Cross(sensorZ - superior * sensorZ.Dot(superior)).Length, 1e-9); // anterior ∥ −posterior
        Assert.True(anterior.Dot(sensorZ) < 0);
        Assert.Equal(0, anterior.Dot(superior), 1e-9);
    }
}
