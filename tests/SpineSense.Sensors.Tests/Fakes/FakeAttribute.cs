using SpineSense.Sensors.Att;

namespace SpineSense.Sensors.Tests.Fakes;

/// <summary>One attribute of the fake peripheral's database.</summary>
internal sealed class FakeAttribute(ushort handle, AttUuid type, byte[] value, bool readable, bool writable)
{
    public ushort Handle { get; } = handle;
    public AttUuid Type { get; } = type;
    public byte[] Value { get; set; } = value;
    public bool Readable { get; } = readable;
    public bool Writable { get; } = writable;

    /// <summary>For a service declaration: the last handle of its group.</summary>
    public ushort GroupEnd { get; set; }
}
