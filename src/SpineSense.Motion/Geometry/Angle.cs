namespace SpineSense.Motion.Geometry;

/// <summary>The one place degrees and radians meet.</summary>
public static class Angle
{
    public const double DegPerRad = 180.0 / Math.PI;
    public const double RadPerDeg = Math.PI / 180.0;

    public static double DegToRad(double deg) => deg * RadPerDeg;
    public static double RadToDeg(double rad) => rad * DegPerRad;
}
