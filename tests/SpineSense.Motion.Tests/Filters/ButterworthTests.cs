using System.Text.Json;
using SpineSense.Motion.Filters;

namespace SpineSense.Motion.Tests.Filters;

/// <summary>Checks the C# Butterworth design against SciPy (tools/filters/reference.json).</summary>
public class ButterworthTests
{
    public sealed record Case(string Btype, int Order, double CutoffHz, double FsHz, double[][] Sos, double[] FreqsHz,
        double[] Magnitude, double[]? FiltfiltStep);

    private static readonly Case[] Cases = Load();

    private static Case[] Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Filters", "reference.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var opts = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        return doc.RootElement.GetProperty("cases").Deserialize<Case[]>(opts)!;
    }

    public static TheoryData<int> CaseIndices()
    {
        var d = new TheoryData<int>();
        for (int i = 0; i < Cases.Length; i++) d.Add(i);
        return d;
    }

    private static BiquadCoefficients[] Design(Case c) => c.Btype == "lowpass"
        ? Butterworth.LowPass(c.Order, c.CutoffHz, c.FsHz)
        : Butterworth.HighPass(c.Order, c.CutoffHz, c.FsHz);

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Sections_match_scipy_butter_sos_to_1e9(int index)
    {
        var c = Cases[index];
        var sections = Design(c);
        Assert.Equal(c.Sos.Length, sections.Length);
        for (int i = 0; i < sections.Length; i++)
        {
            var s = sections[i];
            double[] expected = c.Sos[i];
            Assert.Equal(expected[0], s.B0, 1e-9);
            Assert.Equal(expected[1], s.B1, 1e-9);
            Assert.Equal(expected[2], s.B2, 1e-9);
            Assert.Equal(1.0, expected[3]);
            Assert.Equal(expected[4], s.A1, 1e-9);
            Assert.Equal(expected[5], s.A2, 1e-9);
        }
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Magnitude_response_matches_scipy_sosfreqz(int index)
    {
        var c = Cases[index];
        var sections = Design(c);
        for (int k = 0; k < c.FreqsHz.Length; k++)
        {
            double m = 1;
            foreach (var s in sections) m *= s.Magnitude(c.FreqsHz[k], c.FsHz);
            Assert.Equal(c.Magnitude[k], m, 1e-9);
        }
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Forward_backward_step_matches_scipy_sosfiltfilt(int index)
    {
        var c = Cases[index];
        if (c.FiltfiltStep is null || c.Order > 4) return; // the cascade holds at most two sections
        var data = new double[c.FiltfiltStep.Length];
        for (int i = 50; i < data.Length; i++) data[i] = 1;
        new BiquadCascade(Design(c)).FilterForwardBackward(data);
        for (int i = 0; i < data.Length; i++) Assert.Equal(c.FiltfiltStep[i], data[i], 1e-9);
    }

    [Fact]
    public void Cutoff_is_the_minus_3_dB_point()
    {
        var sections = Butterworth.LowPass(4, 5, 200);
        double m = 1;
        foreach (var s in sections) m *= s.Magnitude(5, 200);
        Assert.Equal(Math.Sqrt(0.5), m, 1e-9);
    }

    [Fact]
    public void Designs_into_a_callers_buffer_what_it_returns_as_a_new_array_and_overwrites_a_design_for_another_rate()
    {
        // The tempo solver redesigns in place when the rate changes: an earlier design must leave nothing behind.
        var buffer = new BiquadCoefficients[2];
        Butterworth.LowPass(4, 5, 100, buffer);
        Butterworth.LowPass(4, 5, 200, buffer);
        Assert.Equal(Butterworth.LowPass(4, 5, 200), buffer);
        Assert.Throws<ArgumentException>(() => Butterworth.LowPass(4, 5, 200, new BiquadCoefficients[1]));
    }

    [Fact]
    public void Rejects_odd_orders_and_cutoffs_beyond_nyquist()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Butterworth.LowPass(3, 5, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => Butterworth.LowPass(2, 60, 100));
    }

    [Fact]
    public void Running_filter_started_at_steady_state_does_not_ring()
    {
        var f = new BiquadCascade(Butterworth.LowPass(4, 3, 100));
        f.Reset(12.5);
        for (int i = 0; i < 50; i++) Assert.Equal(12.5, f.Step(12.5), 1e-9);
    }
}
