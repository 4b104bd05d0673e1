using SpineSense.Protocol;
using SpineSense.Protocol.Control;
using WireResponse = SpineSense.Protocol.Control.ControlResponse;

namespace SpineSense.Sensors.Replay;

/// <summary>
/// What a replay answers on the control point when no other responder is given: a recording cannot act, so it
/// answers the way a sensor that is already streaming would. Answers use the wire format of PROTOCOL.md 4.3.
/// - StartStreaming and StopStreaming succeed. StartStreaming reports the log's first IMU packet sequence as "first live".
/// - ResendFrom, Identify and TimeSync answer NotSupported: the log holds only what arrived live, there is nothing
///   to blink, and its clock is history.
/// - A malformed command gets InvalidParameter, and an unknown opcode gets UnknownOpcode, as from firmware.
/// </summary>
public static class ReplayCommandResponder
{
    public static byte[] Respond(ReadOnlySpan<byte> commandPdu, ushort firstImuSequence)
    {
        WireResponse response;
        if (ControlPointCodec.TryDecodeCommand(commandPdu, out var command, out var error))
        {
            response = command.Opcode switch
            {
                ControlOpcode.StartStreaming => new WireResponse(command.Opcode, ControlResult.Success, Sequence: firstImuSequence),
                ControlOpcode.StopStreaming => new WireResponse(command.Opcode, ControlResult.Success),
                _ => new WireResponse(command.Opcode, ControlResult.NotSupported),
            };
        }
        else
        {
            var opcode = commandPdu.IsEmpty ? (ControlOpcode)0 : (ControlOpcode)commandPdu[0];
            response = error == DecodeError.UnknownOpcode || commandPdu.IsEmpty
                ? new WireResponse(opcode, ControlResult.UnknownOpcode)
                : new WireResponse(opcode, ControlResult.InvalidParameter);
        }
        var bytes = new byte[16];
        ControlPointCodec.TryEncodeResponse(response, bytes, out int written);
        return bytes[..written];
    }
}
