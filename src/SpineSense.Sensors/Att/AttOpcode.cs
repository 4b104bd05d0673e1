namespace SpineSense.Sensors.Att;

/// <summary>ATT PDU opcodes (Bluetooth Core 5.4, Vol 3 Part F, 3.4.8). Bit 6 marks a command (no response).</summary>
public static class AttOpcode
{
    public const byte ErrorResponse = 0x01;
    public const byte ExchangeMtuRequest = 0x02;
    public const byte ExchangeMtuResponse = 0x03;
    public const byte FindInformationRequest = 0x04;
    public const byte FindInformationResponse = 0x05;
    public const byte FindByTypeValueRequest = 0x06;
    public const byte FindByTypeValueResponse = 0x07;
    public const byte ReadByTypeRequest = 0x08;
    public const byte ReadByTypeResponse = 0x09;
    public const byte ReadRequest = 0x0A;
    public const byte ReadResponse = 0x0B;
    public const byte ReadBlobRequest = 0x0C;
    public const byte ReadBlobResponse = 0x0D;
    public const byte ReadByGroupTypeRequest = 0x10;
    public const byte ReadByGroupTypeResponse = 0x11;
    public const byte WriteRequest = 0x12;
    public const byte WriteResponse = 0x13;
    public const byte HandleValueNotification = 0x1B;
    public const byte HandleValueIndication = 0x1D;
    public const byte HandleValueConfirmation = 0x1E;
    public const byte WriteCommand = 0x52;

    /// <summary>Command flag: the peer sends no response and expects none (3.3.1).</summary>
    public const byte CommandFlag = 0x40;

    /// <summary>
    /// True for opcodes a server must answer (requests). Responses are odd, requests even below 0x1E except the
    /// notification/indication/confirmation group; commands carry <see cref="CommandFlag"/>.
    /// </summary>
    public static bool IsRequest(byte opcode) =>
        (opcode & CommandFlag) == 0 && opcode is not (HandleValueNotification or HandleValueIndication or HandleValueConfirmation)
        && (opcode & 1) == 0 && opcode != 0;
}
