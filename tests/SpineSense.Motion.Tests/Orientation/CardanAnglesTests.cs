using SpineSense.Motion.Geometry;
using SpineSense.Motion.Orientation;

namespace SpineSense.Motion.Tests.Orientation;

public class CardanAnglesTests
{
    [Theory]
    [InlineData(30, 0, 0)]
    [InlineData(-20, 10, -35)]
    [InlineData(85, -40, 120)]
    [InlineData(-90, 5, 5)]
    [InlineData(120, 0, 0)]
    public void Round_trips_angles_through_the_relative_rotation(double f, double l, double r)
    {
        var a = CardanAngles.FromRelative(CardanAngles.ToRelative(f, l, r));
        Assert.Equal(f, a.FlexionDeg, 1e-9);
        Assert.Equal(l, a.LateralDeg, 1e-9);
        Assert.Equal(r, a.RotationDeg, 1e-9);
    }

    [Fact]
    public void Positive_flexion_tips_the_superior_axis_toward_anterior()
    {
        Vec3 superior = CardanAngles.ToRelative(30, 0, 0) * new Vec3(0, 0, 1);
        Assert.True(superior.X > 0.49, $"superior x = {superior.X}");
    }

    [Fact]
    public void Positive_lateral_bends_to_the_right_and_positive_rotation_turns_left()
    {
        Vec3 superior = CardanAngles.ToRelative(0, 20, 0) * new Vec3(0, 0, 1);
        Assert.True(superior.Y < -0.3, "bending right moves the superior axis toward −left");
        Vec3 anterior = CardanAngles.ToRelative(0, 0, 20) * new Vec3(1, 0, 0);
        Assert.True(anterior.Y > 0.3, "turning left moves the anterior axis toward +left");
    }

    [Fact]
    public void Supine_is_minus_ninety_and_prone_plus_ninety()
    {
        // Supine: superior axis horizontal pointing to −x (backwards), anterior pointing up.
        var supine = Mat3.FromColumns(new Vec3(0, 0, 1), new Vec3(0, 1, 0), new Vec3(-1, 0, 0));
        Assert.Equal(-90, CardanAngles.FromRelative(supine).FlexionDeg, 1e-9);
        var prone = Mat3.FromColumns(new Vec3(0, 0, -1), new Vec3(0, 1, 0), new Vec3(1, 0, 0));
        Assert.Equal(90, CardanAngles.FromRelative(prone).FlexionDeg, 1e-9);
    }
}
