using System.Buffers.Binary;
using SpineSense.Protocol.Packets;

namespace SpineSense.Protocol.Control;

/// <summary>
/// Encodes and decodes control point commands and result indications (PROTOCOL.md 4). Little-endian.
/// <code>
/// Commands (host → sensor, ATT Write Request)
///   StartStreaming  01 | odr code | accel FS code | gyro FS code          4 bytes
///   StopStreaming   02                                                    1 byte
///   Identify        03 | mode (bit0 blink, bit1 buzz) | duration_s 1..60   3 bytes
///   TimeSync        04 | token u32                                        5 bytes
///   ResendFrom      05 | sequence u16                                     3 bytes
/// Result indications (sensor → host)
///   80 | request opcode | result | fields:
///     StartStreaming  next sequence u16                                   5 bytes
///     StopStreaming   -                                                   3 bytes
///     Identify        -                                                   3 bytes
///     TimeSync        token u32 | sensor_time_us u32                     11 bytes
///     ResendFrom      first sequence u16 | packet count u16               7 bytes
///     (result UnknownOpcode: always 3 bytes, request opcode = what was received)
/// </code>
/// Stateless, thread-safe, no allocation; malformed input gives false + <see cref="DecodeError"/>, never an exception.
/// </summary>
public static class ControlPointCodec
{
    public const int OpcodeOffset = 0;
    public const int ParamsOffset = 1;
    public const int ResponseRequestOpcodeOffset = 1;
    public const int ResponseResultOffset = 2;
    public const int ResponseFieldsOffset = 3;
    public const int ResponseHeaderSize = 3;
    public const int MaxCommandSize = 5;
    public const int MaxResponseSize = 11;

    /// <summary>Encoded length of a command with this opcode; 0 for an unknown opcode.</summary>
    public static int CommandLength(ControlOpcode opcode) => opcode switch
    {
        ControlOpcode.StartStreaming => 4,
        ControlOpcode.StopStreaming => 1,
        ControlOpcode.Identify => 3,
        ControlOpcode.TimeSync => 5,
        ControlOpcode.ResendFrom => 3,
        _ => 0,
    };

    /// <summary>Encoded length of a result indication answering <paramref name="request"/>; 0 for an unknown opcode.</summary>
    public static int ResponseLength(ControlOpcode request) => request switch
    {
        ControlOpcode.StartStreaming => 5,
        ControlOpcode.StopStreaming => 3,
        ControlOpcode.Identify => 3,
        ControlOpcode.TimeSync => 11,
        ControlOpcode.ResendFrom => 7,
        _ => 0,
    };

    public static bool TryDecodeCommand(ReadOnlySpan<byte> bytes, out ControlCommand command, out DecodeError error)
    {
        command = default;
        if (bytes.IsEmpty)
        {
            error = DecodeError.Truncated;
            return false;
        }
        var opcode = (ControlOpcode)bytes[OpcodeOffset];
        int expected = CommandLength(opcode);
        if (!TryMatchLength(bytes.Length, expected, out error)) return false;

        ReadOnlySpan<byte> p = bytes[ParamsOffset..];
        switch (opcode)
        {
            case ControlOpcode.StartStreaming:
                var rate = (OutputDataRate)p[0];
                var accel = (AccelRange)p[1];
                var gyro = (GyroRange)p[2];
                if (!SensorCodes.IsDefined(rate))
                {
                    error = DecodeError.BadRateCode;
                    return false;
                }
                if (!SensorCodes.IsDefined(accel) || !SensorCodes.IsDefined(gyro))
                {
                    error = DecodeError.BadRangeCode;
                    return false;
                }
                command = ControlCommand.StartStreaming(rate, accel, gyro);
                break;
            case ControlOpcode.StopStreaming:
                command = ControlCommand.StopStreaming();
                break;
            case ControlOpcode.Identify:
                var mode = (IdentifyMode)p[0];
                byte durationS = p[1];
                if (!IsValidIdentify(mode, durationS))
                {
                    error = DecodeError.BadParameter;
                    return false;
                }
                command = ControlCommand.Identify(mode, durationS);
                break;
            case ControlOpcode.TimeSync:
                command = ControlCommand.TimeSync(BinaryPrimitives.ReadUInt32LittleEndian(p));
                break;
            default: // ResendFrom; CommandLength admitted nothing else
                command = ControlCommand.ResendFrom(BinaryPrimitives.ReadUInt16LittleEndian(p));
                break;
        }
        error = DecodeError.None;
        return true;
    }

    /// <summary>Writes a command. False (nothing meaningful written) when the destination is too small or a field is invalid.</summary>
    public static bool TryEncodeCommand(in ControlCommand command, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        int length = CommandLength(command.Opcode);
        if (length == 0 || destination.Length < length)
        {
            return false;
        }
        Span<byte> p = destination[ParamsOffset..length];
        switch (command.Opcode)
        {
            case ControlOpcode.StartStreaming:
                if (!SensorCodes.IsDefined(command.Rate) || !SensorCodes.IsDefined(command.AccelRange) || !SensorCodes.IsDefined(command.GyroRange))
                {
                    return false;
                }
                p[0] = (byte)command.Rate;
                p[1] = (byte)command.AccelRange;
                p[2] = (byte)command.GyroRange;
                break;
            case ControlOpcode.StopStreaming:
                break;
            case ControlOpcode.Identify:
                if (!IsValidIdentify(command.IdentifyMode, command.IdentifyDurationS))
                {
                    return false;
                }
                p[0] = (byte)command.IdentifyMode;
                p[1] = command.IdentifyDurationS;
                break;
            case ControlOpcode.TimeSync:
                BinaryPrimitives.WriteUInt32LittleEndian(p, command.TimeSyncToken);
                break;
            default:
                BinaryPrimitives.WriteUInt16LittleEndian(p, command.ResendFromSequence);
                break;
        }
        destination[OpcodeOffset] = (byte)command.Opcode;
        bytesWritten = length;
        return true;
    }

    public static bool TryDecodeResponse(ReadOnlySpan<byte> bytes, out ControlResponse response, out DecodeError error)
    {
        response = default;
        if (bytes.IsEmpty)
        {
            error = DecodeError.Truncated;
            return false;
        }
        if (bytes[OpcodeOffset] != (byte)ControlOpcode.Response)
        {
            error = DecodeError.UnknownOpcode;
            return false;
        }
        if (bytes.Length < ResponseHeaderSize)
        {
            error = DecodeError.Truncated;
            return false;
        }
        var request = (ControlOpcode)bytes[ResponseRequestOpcodeOffset];
        var result = (ControlResult)bytes[ResponseResultOffset];
        if (!IsDefined(result))
        {
            error = DecodeError.BadResultCode;
            return false;
        }

        int expected = result == ControlResult.UnknownOpcode ? ResponseHeaderSize : ResponseLength(request);
        if (!TryMatchLength(bytes.Length, expected, out error)) return false;

        ReadOnlySpan<byte> f = bytes[ResponseFieldsOffset..];
        response = result == ControlResult.UnknownOpcode
            ? new ControlResponse(request, result)
            : request switch
            {
                ControlOpcode.StartStreaming => new ControlResponse(request, result, Sequence: BinaryPrimitives.ReadUInt16LittleEndian(f)),
                ControlOpcode.TimeSync => new ControlResponse(request, result,
                    TimeSyncToken: BinaryPrimitives.ReadUInt32LittleEndian(f),
                    SensorTimeUs: BinaryPrimitives.ReadUInt32LittleEndian(f[4..])),
                ControlOpcode.ResendFrom => new ControlResponse(request, result,
                    Sequence: BinaryPrimitives.ReadUInt16LittleEndian(f),
                    PacketCount: BinaryPrimitives.ReadUInt16LittleEndian(f[2..])),
                _ => new ControlResponse(request, result),
            };
        error = DecodeError.None;
        return true;
    }

    /// <summary>Writes a result indication. False when the destination is too small, the result code is undefined or the
    /// request opcode is unknown (unless the result is UnknownOpcode).</summary>
    public static bool TryEncodeResponse(in ControlResponse response, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (!IsDefined(response.Result))
        {
            return false;
        }
        int length = response.Result == ControlResult.UnknownOpcode ? ResponseHeaderSize : ResponseLength(response.RequestOpcode);
        if (length == 0 || destination.Length < length)
        {
            return false;
        }
        destination[OpcodeOffset] = (byte)ControlOpcode.Response;
        destination[ResponseRequestOpcodeOffset] = (byte)response.RequestOpcode;
        destination[ResponseResultOffset] = (byte)response.Result;
        Span<byte> f = destination[ResponseFieldsOffset..length];
        if (response.Result != ControlResult.UnknownOpcode)
        {
            switch (response.RequestOpcode)
            {
                case ControlOpcode.StartStreaming:
                    BinaryPrimitives.WriteUInt16LittleEndian(f, response.Sequence);
                    break;
                case ControlOpcode.TimeSync:
                    BinaryPrimitives.WriteUInt32LittleEndian(f, response.TimeSyncToken);
                    BinaryPrimitives.WriteUInt32LittleEndian(f[4..], response.SensorTimeUs);
                    break;
                case ControlOpcode.ResendFrom:
                    BinaryPrimitives.WriteUInt16LittleEndian(f, response.Sequence);
                    BinaryPrimitives.WriteUInt16LittleEndian(f[2..], response.PacketCount);
                    break;
            }
        }
        bytesWritten = length;
        return true;
    }

    public static bool IsDefined(ControlResult result) => (byte)result <= (byte)ControlResult.SensorFault;

    /// <summary>
    /// Commands and responses have one fixed length per opcode (PROTOCOL.md section 4); an expected length of
    /// 0 means the opcode has none, i.e. it is unknown. Shorter is truncated, longer is a length mismatch.
    /// </summary>
    private static bool TryMatchLength(int length, int expected, out DecodeError error)
    {
        if (expected == 0) error = DecodeError.UnknownOpcode;
        else if (length != expected) error = length < expected ? DecodeError.Truncated : DecodeError.LengthMismatch;
        else error = DecodeError.None;
        return error == DecodeError.None;
    }

    private static bool IsValidIdentify(IdentifyMode mode, byte durationS) =>
        mode != IdentifyMode.None
        && ((byte)mode & ~(byte)(IdentifyMode.Blink | IdentifyMode.Buzz)) == 0
        && durationS >= 1 && durationS <= ControlCommand.MaxIdentifyDurationS;
}
