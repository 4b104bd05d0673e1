using System.Runtime.InteropServices;

namespace SpineSense.Protocol.Packets;

/// <summary>
/// One sample as it is on the wire: int16 counts in the sensor frame of contract section 1
/// (+x athlete's right, +y up the spine, +z out of the back). Scale with the packet's range codes.
/// Layout is the wire layout (12 bytes, little-endian), so a span of packet bytes can be reinterpreted.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 2)]
public readonly record struct RawImuSample(short AccX, short AccY, short AccZ, short GyrX, short GyrY, short GyrZ);
