using SpineSense.Simulation.Geometry;
using SpineSense.Simulation.Sensor;

namespace SpineSense.Simulation.Tests.Geometry;

public class AnglesTests
{
    [Theory]
    [InlineData(55, 0, 0)]
    [InlineData(-90, 3, -2)]
    [InlineData(100, -20, 35)]
    [InlineData(10, 85, -6)]
    [InlineData(-125, -10, 170)]
    public void Cardan_decomposition_recovers_the_composed_angles(double f, double l, double r)
    {
        var a = Angles.ToCardan(Angles.FromCardan(f, l, r));
        Assert.Equal(f, a.FlexionDeg, 1e-9);
        Assert.Equal(l, a.LateralDeg, 1e-9);
        Assert.Equal(r, a.RotationDeg, 1e-9);
    }

    [Fact]
    public void Forward_flexion_tips_the_superior_axis_toward_anterior()
    {
        // Contract section 4: positive flexion = superior axis tips toward anterior (+x).
        var superior = Angles.FromCardan(30, 0, 0).Rotate(new Vec3(0, 0, 1));
        Assert.Equal(Math.Sin(Angles.DegToRad(30)), superior.X, 1e-12);
        Assert.Equal(0, superior.Y, 1e-12);
    }

    [Fact]
    public void Positive_lateral_bends_to_the_right_and_positive_rotation_turns_left()
    {
        var superior = Angles.FromCardan(0, 20, 0).Rotate(new Vec3(0, 0, 1));
        Assert.True(superior.Y < -0.3, "right is −y in the anatomical frame");
        var anterior = Angles.FromCardan(0, 0, 20).Rotate(new Vec3(1, 0, 0));
        Assert.True(anterior.Y > 0.3, "counter-clockwise seen from above turns anterior toward +y (left)");
    }

    [Fact]
    public void Nominal_mounting_puts_sensor_axes_right_up_posterior()
    {
        var q = Mounting.NominalToAnatomical;
        Assert.Equal(new Vec3(0, -1, 0), Round(q.Rotate(new Vec3(1, 0, 0))));  // +x = right
        Assert.Equal(new Vec3(0, 0, 1), Round(q.Rotate(new Vec3(0, 1, 0))));   // +y = up
        Assert.Equal(new Vec3(-1, 0, 0), Round(q.Rotate(new Vec3(0, 0, 1))));  // +z = posterior
    }

    [Fact]
    public void Rotation_vector_round_trips()
    {
        var v = new Vec3(0.3, -1.1, 0.7);
        var back = Quat.FromRotationVector(v).ToRotationVector();
        Assert.Equal(v.X, back.X, 1e-12);
        Assert.Equal(v.Y, back.Y, 1e-12);
        Assert.Equal(v.Z, back.Z, 1e-12);
    }

    private static Vec3 Round(Vec3 v) => new(Math.Round(v.X, 12) + 0.0, Math.Round(v.Y, 12) + 0.0, Math.Round(v.Z, 12) + 0.0);
}
