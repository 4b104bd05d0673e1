namespace SpineSense.Protocol.Control;

/// <summary>Control point opcodes (PROTOCOL.md 4). Commands are 0x01..0x05; every result indication starts with <see cref="Response"/>.</summary>
public enum ControlOpcode : byte
{
    StartStreaming = 0x01,
    StopStreaming = 0x02,
    Identify = 0x03,
    TimeSync = 0x04,
    ResendFrom = 0x05,
    Response = 0x80,
}
