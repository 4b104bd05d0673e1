namespace SpineSense.Protocol.Clock;

/// <summary>Serial-number arithmetic (RFC 1982) shared by <see cref="SequenceUnwrapper"/> and
/// <see cref="SensorTimeUnwrapper"/>.</summary>
internal static class SerialArithmetic
{
    /// <summary>The extension congruent to <paramref name="wire"/> mod <paramref name="modulus"/> (a power of two)
    /// nearest <paramref name="reference"/>. Ties (exactly half the range apart) read as forward: a lost run rather
    /// than an equally deep backfill.</summary>
    public static long NearestExtension(long wire, long reference, long modulus)
    {
        long delta = (wire - reference) & (modulus - 1);
        if (delta > modulus / 2)
        {
            delta -= modulus;
        }
        return reference + delta;
    }
}
