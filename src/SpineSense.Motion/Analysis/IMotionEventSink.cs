using SpineSense.Motion.Calibration;
using SpineSense.Motion.Results;

namespace SpineSense.Motion.Analysis;

/// <summary>
/// Receives what <see cref="LumbarAnalyzer"/> finds, synchronously on the thread that calls
/// <see cref="LumbarAnalyzer.Process"/>. Arguments are passed by reference to avoid copies; copy them if
/// you keep them. Implementations must not throw into the analyzer.
/// </summary>
public interface IMotionEventSink
{
    /// <summary>The calibration window is complete (once per stream, before the first frame).</summary>
    void OnCalibrated(in NeutralCalibration calibration);

    /// <summary>One frame per input sample, in input order (calibration samples are emitted right after
    /// <see cref="OnCalibrated"/>).</summary>
    void OnFrame(in MotionFrame frame);

    /// <summary>A limit was crossed (raised within 0.2 s of the crossing). <c>Value</c> is the worst so far.</summary>
    void OnAlertRaised(in AlertEvent alert);

    /// <summary>A raised excursion ended. <c>Value</c> is the worst of the excursion: this is the alert to store.</summary>
    void OnAlert(in AlertEvent alert);

    /// <summary>A rep was recognised (shortly after its concentric phase ended). Its <c>TopPauseS</c> is not
    /// known yet (0); the final rep follows through <see cref="OnRep"/>.</summary>
    void OnRepDetected(in RepResult rep);

    /// <summary>A rep with all phases final (top pause known: the next rep began or the set ended).</summary>
    void OnRep(in RepResult rep);

    /// <summary>A set ended (15 s without reps, or the end of the stream).</summary>
    void OnSet(in SetResult set);

    /// <summary>The athlete settled into a hold (its end is not known yet).</summary>
    void OnHoldStarted(double startS);

    /// <summary>A hold ended.</summary>
    void OnHold(in HoldResult hold);
}
