namespace SpineSense.Protocol.Packets;

/// <summary>Conversions between wire codes and physical units (PROTOCOL.md 3.3–3.4).</summary>
public static class SensorCodes
{
    public static bool IsDefined(OutputDataRate rate) => rate >= OutputDataRate.Hz52 && rate <= OutputDataRate.Hz833;
    public static bool IsDefined(AccelRange range) => (byte)range <= (byte)AccelRange.G16;
    public static bool IsDefined(GyroRange range) => (byte)range <= (byte)GyroRange.Dps2000;

    /// <summary>Nominal rate in Hz; 0 for an undefined code.</summary>
    public static double RateHz(OutputDataRate rate) => rate switch
    {
        OutputDataRate.Hz52 => 52,
        OutputDataRate.Hz100 => 100,
        OutputDataRate.Hz104 => 104,
        OutputDataRate.Hz200 => 200,
        OutputDataRate.Hz208 => 208,
        OutputDataRate.Hz400 => 400,
        OutputDataRate.Hz416 => 416,
        OutputDataRate.Hz833 => 833,
        _ => 0,
    };

    /// <summary>Nominal sample period in ns (1e9 / rate, rounded); 0 for an undefined code.</summary>
    public static uint NominalPeriodNs(OutputDataRate rate) => rate switch
    {
        OutputDataRate.Hz52 => 19_230_769,
        OutputDataRate.Hz100 => 10_000_000,
        OutputDataRate.Hz104 => 9_615_385,
        OutputDataRate.Hz200 => 5_000_000,
        OutputDataRate.Hz208 => 4_807_692,
        OutputDataRate.Hz400 => 2_500_000,
        OutputDataRate.Hz416 => 2_403_846,
        OutputDataRate.Hz833 => 1_200_480,
        _ => 0,
    };

    /// <summary>Finds the code of an exactly supported nominal rate (52, 100, 104, 200, 208, 400, 416, 833 Hz).</summary>
    public static bool TryFromHz(double rateHz, out OutputDataRate rate)
    {
        for (byte code = (byte)OutputDataRate.Hz52; code <= (byte)OutputDataRate.Hz833; code++)
        {
            if (Math.Abs(RateHz((OutputDataRate)code) - rateHz) < 0.5)
            {
                rate = (OutputDataRate)code;
                return true;
            }
        }
        rate = default;
        return false;
    }

    /// <summary>Full scale in g: ±2, ±4, ±8, ±16.</summary>
    public static int FullScaleG(AccelRange range) => 2 << ((byte)range & 3);

    /// <summary>Full scale in degrees/second: ±250, ±500, ±1000, ±2000.</summary>
    public static int FullScaleDps(GyroRange range) => 250 << ((byte)range & 3);

    /// <summary>g per LSB: FS / 32768 (so +32767 is just under +FS).</summary>
    public static double AccelGPerLsb(AccelRange range) => FullScaleG(range) / 32768.0;

    /// <summary>degrees/second per LSB: FS / 32768.</summary>
    public static double GyroDpsPerLsb(GyroRange range) => FullScaleDps(range) / 32768.0;
}
