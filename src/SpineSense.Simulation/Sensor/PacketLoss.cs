using SpineSense.Motion.Samples;

namespace SpineSense.Simulation.Sensor;

/// <summary>
/// BLE packet loss as missing runs of rows. Samples travel in packets of 19 (a full 244-byte notification of
/// the wire protocol); packets are lost in bursts (a Gilbert–Elliott-like process: mostly 1–5 packets, now and
/// then a 1–3 s dropout), tuned so the expected fraction of lost rows equals the requested one.
/// </summary>
public static class PacketLoss
{
    public const int SamplesPerPacket = 19;

    /// <param name="lossFraction">Target fraction of rows lost, 0..0.5.</param>
    /// <param name="protectUntilS">Rows before this time are never dropped (the calibration stand).</param>
    public static ImuSample[] Apply(ImuSample[] samples, double lossFraction, double protectUntilS, double rateHz, Random rng, out bool[] kept)
    {
        kept = new bool[samples.Length];
        Array.Fill(kept, true);
        if (lossFraction <= 0) return samples;
        double longDropoutPackets = 2.0 * rateHz / SamplesPerPacket; // ≈ 2 s
        const double longShare = 0.04;
        double meanBurst = (1 - longShare) * 3 + longShare * longDropoutPackets;
        double pStart = lossFraction / (meanBurst * (1 - lossFraction));
        int packets = (samples.Length + SamplesPerPacket - 1) / SamplesPerPacket;
        int lostRun = 0;
        for (int p = 0; p < packets; p++)
        {
            int first = p * SamplesPerPacket;
            if (samples[first].TimeS < protectUntilS) continue;
            if (lostRun == 0 && rng.NextDouble() < pStart)
            {
                lostRun = rng.NextDouble() < longShare
                    ? (int)Math.Round(longDropoutPackets * (0.5 + rng.NextDouble()))
                    : 1 + rng.Next(5);
            }
            if (lostRun > 0)
            {
                lostRun--;
                int last = Math.Min(samples.Length, first + SamplesPerPacket);
                for (int i = first; i < last; i++) kept[i] = false;
            }
        }
        kept[^1] = true; // the recording's length stays the session's length
        int count = 0;
        foreach (bool b in kept) if (b) count++;
        var result = new ImuSample[count];
        int j = 0;
        for (int i = 0; i < samples.Length; i++) if (kept[i]) result[j++] = samples[i];
        return result;
    }
}
