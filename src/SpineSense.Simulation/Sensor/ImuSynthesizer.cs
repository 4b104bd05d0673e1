using SpineSense.Motion.Samples;
using SpineSense.Simulation.Geometry;
using SpineSense.Simulation.Kinematics;

namespace SpineSense.Simulation.Sensor;

/// <summary>
/// Turns a <see cref="MotionTimeline"/> into what an ideal IMU would output. The motion is stepped at a high
/// internal rate (≥ 2 kHz and ≥ 8× the ODR): angular rate comes from consecutive orientations
/// (ω = log(q_i* q_(i+1)) / h, exact for the trajectory), acceleration from the second difference of the
/// sensor position, specific force = R^T (a − g). Each output sample is the mean over its sample period,
/// which is what the sensor's decimation filter does, so nothing aliases.
/// </summary>
public static class ImuSynthesizer
{
    public readonly record struct Result(double[] SampleTimesS, ImuSample[] Clean, TruthSignals Signals, double InternalRateHz);

    /// <param name="outputRateHz">True output rate (nominal ODR with the crystal error already applied).</param>
    public static Result Run(MotionTimeline timeline, double durationS, double outputRateHz, Mounting mounting, SoftTissue? softTissue = null,
        MountingDrift? drift = null)
    {
        double fineRate = Math.Ceiling(Math.Max(2000, 8 * outputRateHz) / 1000) * 1000;
        int substepsPerMs = (int)(fineRate / 1000);
        double h = 1.0 / fineRate;
        double period = 1.0 / outputRateHz;
        int outputs = (int)Math.Floor(durationS * outputRateHz) + 1;
        var times = new double[outputs];
        var clean = new ImuSample[outputs];
        var signals = new TruthSignals((int)Math.Ceiling(durationS * TruthSignals.RateHz) + 1);

        Quat fixedMount = mounting.SensorToAnatomical;
        Quat MountAt(double time) => drift is null ? fixedMount : drift.At(time);
        Vec3 gravityUp = new(0, 0, Angles.StandardGravity); // −g: at rest the specific force points up
        int boxcar = Math.Max(1, (int)Math.Round(fineRate / outputRateHz));
        var ring = new Vec3[boxcar];
        Vec3 ringSum = default;
        int ringPos = 0;

        // Sliding window of three instants for the second difference.
        long i0 = -(long)Math.Ceiling((period + 2 * h) * fineRate);
        double t = i0 * h;
        var cursor = timeline.Sway.NewCursor();
        Pose pPrev = timeline.PoseAt(t - h, cursor), pCur = timeline.PoseAt(t, cursor), pNext;
        Quat qPrev = MotionTimeline.SegmentOrientation(pPrev), qCur = MotionTimeline.SegmentOrientation(pCur), qNext;
        Vec3 xPrev = timeline.SensorPosition(pPrev, qPrev), xCur = timeline.SensorPosition(pCur, qCur), xNext;

        Vec3 gyroSum = default, accSum = default;
        var tissue = new SoftTissue.State();
        Quat mountCur = MountAt(i0 * h);
        Vec3 previousOmega = default;
        bool haveOmega = false;
        int gyroN = 0, accN = 0, k = 0;
        double nextSampleT = 0;
        for (long i = i0; k < outputs; i++)
        {
            t = i * h;
            pNext = timeline.PoseAt((i + 1) * h, cursor);
            qNext = MotionTimeline.SegmentOrientation(pNext);
            xNext = timeline.SensorPosition(pNext, qNext);

            // Angular velocity over [t, t+h] in the segment frame (truth) and of the sensor itself (which also
            // turns when the strap slips), rad/s.
            Vec3 omegaSeg = (qCur.Conjugate * qNext).ToRotationVector() * (1 / h);
            Quat mount = mountCur, mountNext = MountAt(t + h);
            Vec3 omegaSensor = ((qCur * mount).Conjugate * (qNext * mountNext)).ToRotationVector() * (1 / h);
            Vec3 acc = (xNext - 2 * xCur + xPrev) * (1 / (h * h));
            if (softTissue is not null)
            {
                // Skin and strap: the sensor lags and rings relative to the bone (what the accelerometer and gyro feel).
                Vec3 alpha = haveOmega ? (omegaSensor - previousOmega) * (1 / h) : default;
                previousOmega = omegaSensor;
                haveOmega = true;
                var (extraAcc, extraRate) = tissue.Step(softTissue, acc, alpha, h);
                acc += extraAcc;
                omegaSensor += extraRate;
            }
            Vec3 fSensor = (qCur * mount).RotateInverse(acc + gravityUp) * (1 / Angles.StandardGravity);

            if (t > nextSampleT)
            {
                times[k] = nextSampleT;
                clean[k] = Emit(nextSampleT, gyroSum, gyroN, accSum, accN);
                gyroSum = default; accSum = default; gyroN = 0; accN = 0;
                k++;
                nextSampleT = k * period;
            }
            gyroSum += omegaSensor; gyroN++;
            accSum += fSensor; accN++;

            // Truth signals on the 1 kHz grid (t ≥ 0 only).
            ringSum += fSensor - ring[ringPos];
            ring[ringPos] = fSensor;
            ringPos = ringPos + 1 == boxcar ? 0 : ringPos + 1;
            if (i >= 0)
            {
                long ms = i / substepsPerMs;
                if (ms < signals.Length)
                {
                    float axial = (float)Math.Abs(Angles.RadToDeg(omegaSeg.Z));
                    float impact = (float)(ringSum * (1.0 / boxcar)).Length;
                    if (i % substepsPerMs == 0)
                    {
                        signals.FlexionDeg[ms] = (float)Angles.ToCardan(timeline.CalibratedNeutral.Conjugate * qCur * timeline.CalibratedFrameInSegment).FlexionDeg;
                        signals.AxialSpeedDps[ms] = axial;
                        signals.ImpactG[ms] = impact;
                    }
                    else
                    {
                        if (axial > signals.AxialSpeedDps[ms]) signals.AxialSpeedDps[ms] = axial;
                        if (impact > signals.ImpactG[ms]) signals.ImpactG[ms] = impact;
                    }
                }
            }

            mountCur = mountNext;
            pPrev = pCur; pCur = pNext;
            qPrev = qCur; qCur = qNext;
            xPrev = xCur; xCur = xNext;
        }
        _ = pPrev; _ = qPrev;
        return new Result(times, clean, signals, fineRate);
    }

    private static ImuSample Emit(double t, Vec3 gyroSum, int gyroN, Vec3 accSum, int accN)
    {
        Vec3 w = gyroSum * (Angles.RadToDeg(1) / Math.Max(1, gyroN));
        Vec3 f = accSum * (1.0 / Math.Max(1, accN));
        return new ImuSample(t, f.X, f.Y, f.Z, w.X, w.Y, w.Z);
    }
}
