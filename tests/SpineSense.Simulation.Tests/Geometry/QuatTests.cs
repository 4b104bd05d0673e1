using SpineSense.Simulation.Geometry;
using SpineSense.Simulation.Sensor;

namespace SpineSense.Simulation.Tests.Geometry;

public class QuatTests
{
    [Fact]
    public void Prints_its_four_components_without_recursing_into_its_conjugate()
    {
        // A record prints every public instance property; Conjugate is itself a Quat, so printing it printed its
        // conjugate's conjugate, ... until the stack overflowed (and took the test host or a debugger with it).
        var q = new Quat(0.5, 0.25, -0.5, 0.75);

        string text = q.ToString();

        Assert.StartsWith("Quat { W = 0.5, X = 0.25, Y = -0.5, Z = 0.75", text);
        Assert.DoesNotContain("Conjugate", text);
    }

    [Fact]
    public void Records_holding_a_quaternion_print_too()
    {
        // Mounting exposes SensorToAnatomical (a Quat): it overflowed the same way when a scenario was logged.
        string text = new Mounting(StrapRotationDeg: 10, TiltDeg: -5).ToString();

        Assert.Contains("StrapRotationDeg = 10", text);
        Assert.Contains("SensorToAnatomical = Quat { W = ", text);
    }
}
