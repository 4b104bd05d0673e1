using SpineSense.Motion.Exercises;
using SpineSense.Motion.Geometry;

namespace SpineSense.Motion.Tests.Exercises;

/// <summary>Postures from world up and the sagittal inclination (src/SpineSense.Motion/Exercises/PostureClassifier.cs).</summary>
public class PostureClassifierTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-360)] // the analyzer's unwrapped angle, a turn below after its estimate came back around the far side
    [InlineData(360)]
    public void Judges_the_bench_posture_by_the_inclination_itself_whatever_turn_the_unwrapped_angle_is_on(double turnDeg)
    {
        // Face down on a 45° bench, at the start of a back extension; upright (5°) is off the bench.
        var onBench = UpWhenTippedForward(45);
        Assert.True(PostureClassifier.IsIn(Posture.InclineBench, onBench, 45 + turnDeg));
        Assert.True(PostureClassifier.IsStartOf(Posture.InclineBench, onBench, 45 + turnDeg));
        Assert.Equal(Posture.InclineBench, PostureClassifier.Classify(onBench, 45 + turnDeg));
        Assert.False(PostureClassifier.IsIn(Posture.InclineBench, UpWhenTippedForward(5), 5 + turnDeg));
    }

    // World up seen from a segment tipped forward by sagDeg in the sagittal plane.
    private static Vec3 UpWhenTippedForward(double sagDeg) =>
        new(-Math.Sin(Angle.DegToRad(sagDeg)), 0, Math.Cos(Angle.DegToRad(sagDeg)));
}
