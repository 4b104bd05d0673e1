using SpineSense.Motion.Exercises;
using SpineSense.Motion.Geometry;
using SpineSense.Motion.Reps;
using SpineSense.Motion.Tests.Support;

namespace SpineSense.Motion.Tests.Reps;

/// <summary>Excursions from a learned start position (src/SpineSense.Motion/Reps/ExcursionDetector.cs).</summary>
public class ExcursionDetectorTests
{
    [Fact]
    public void Counts_clamshells_from_a_start_learned_while_the_pelvis_was_still_settling_after_turning_over()
    {
        // Side-lying (world up along the body's left axis). The start is first seen while the pelvis still rolls 2.5°
        // forward as it settles onto the new side (faster than rest, so it is not followed); the reps then open the
        // knee ten times, tilting the pelvis 3° about another axis, from where it settled.
        var plan = new RepPlan(2.4, 10, 0.7, 0.7, 0.7, 0.6, 3);
        Assert.True(ExerciseCatalog.TryGet("clamshell", out var profile));
        var detector = new ExcursionDetector(profile, new RepSettings());
        int reps = 0;
        var amplitudesDeg = new List<double>();
        for (double t = 0; t < plan.EndS + 3; t += 0.01)
        {
            double settleDeg = 2.5 * MinJerk.Position(t / 1.8), repDeg = plan.Excursion(t);
            var up = new Vec3(Math.Sin(Angle.DegToRad(settleDeg)), 1, Math.Sin(Angle.DegToRad(repDeg))).Normalized();
            if (detector.Update(t, 0, up, 0, inPosture: true))
            {
                reps++;
                amplitudesDeg.Add(detector.Candidate.AmplitudeDeg);
            }
        }
        Assert.Equal(10, reps);
        Assert.All(amplitudesDeg, a => Assert.InRange(a, 2.0, 4.5));
    }
}
