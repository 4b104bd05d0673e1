using SpineSense.Sensors.Att;

namespace SpineSense.Sensors.Tests.Att;

public class AttPduTests
{
    [Fact]
    public void Encodes_exchange_mtu_request_with_little_endian_mtu()
    {
        var pdu = new byte[3];
        Assert.Equal(3, AttPdu.WriteExchangeMtuRequest(pdu, 247));
        Assert.Equal(new byte[] { 0x02, 0xF7, 0x00 }, pdu);
    }

    [Fact]
    public void Encodes_find_by_type_value_for_a_128_bit_service()
    {
        var pdu = new byte[23];
        var uuid = new byte[16];
        AttUuid.Parse("53504e01-5370-696e-6553-656e73650000").Write(uuid);
        int n = AttPdu.WriteFindByTypeValueRequest(pdu, 0x0001, 0xFFFF, 0x2800, uuid);
        Assert.Equal(23, n);
        Assert.Equal(Convert.FromHexString("060100FFFF0028" + "000065736e6553656e697053014e5053"), pdu);
    }

    [Fact]
    public void Encodes_read_by_type_with_a_16_bit_type_in_7_bytes()
    {
        var pdu = new byte[32];
        int n = AttPdu.WriteReadByTypeRequest(pdu, 0x000A, 0x0020, AttUuid.FromUInt16(0x2803));
        Assert.Equal(Convert.FromHexString("080A0020000328"), pdu.AsSpan(0, n).ToArray());
    }

    [Fact]
    public void Encodes_write_request_and_command_with_handle_then_value()
    {
        var pdu = new byte[8];
        Assert.Equal(5, AttPdu.WriteWriteRequest(pdu, 0x0107, [0x01, 0x00]));
        Assert.Equal(Convert.FromHexString("1207010100"), pdu.AsSpan(0, 5).ToArray());
        AttPdu.WriteWriteRequest(pdu, 0x0107, [0x01], withResponse: false);
        Assert.Equal(0x52, pdu[0]);
    }

    [Fact]
    public void Decodes_error_response_fields()
    {
        Assert.True(AttPdu.TryReadErrorResponse(Convert.FromHexString("010A34120A"), out byte op, out ushort handle, out byte code));
        Assert.Equal(AttOpcode.ReadRequest, op);
        Assert.Equal(0x1234, handle);
        Assert.Equal((byte)AttErrorCode.AttributeNotFound, code);
        Assert.False(AttPdu.TryReadErrorResponse(Convert.FromHexString("010A3412"), out _, out _, out _));
    }

    [Fact]
    public void Splits_read_by_type_data_list_into_equal_entries()
    {
        // two 16-bit characteristic declarations: handle, props, value handle, uuid
        var pdu = Convert.FromHexString("0907" + "0200" + "02" + "0300" + "002A" + "0400" + "10" + "0500" + "192A");
        Assert.True(AttPdu.TryReadDataList(pdu, AttOpcode.ReadByTypeResponse, 7, out int len, out var entries));
        Assert.Equal(7, len);
        Assert.Equal(14, entries.Length);
    }

    [Theory]
    [InlineData("0907020002030000")]   // 6 bytes of list for entries of 7
    [InlineData("0907")]               // empty list
    [InlineData("0903020002")]         // entry length below the minimum
    [InlineData("0B0702000203")]       // wrong opcode
    public void Rejects_malformed_data_lists(string hex) =>
        Assert.False(AttPdu.TryReadDataList(Convert.FromHexString(hex), AttOpcode.ReadByTypeResponse, 7, out _, out _));

    [Fact]
    public void Find_information_format_selects_4_or_18_byte_entries()
    {
        Assert.True(AttPdu.TryReadFindInformation(Convert.FromHexString("0501" + "0700" + "0229" + "0800" + "0129"), out int len16, out var e16));
        Assert.Equal((4, 8), (len16, e16.Length));
        Assert.True(AttPdu.TryReadFindInformation(Convert.FromHexString("0502" + "0700" + new string('a', 32)), out int len128, out _));
        Assert.Equal(18, len128);
        Assert.False(AttPdu.TryReadFindInformation(Convert.FromHexString("0503070002"), out _, out _));
        Assert.False(AttPdu.TryReadFindInformation(Convert.FromHexString("0501070002"), out _, out _));
    }

    [Fact]
    public void Classifies_requests_commands_and_responses()
    {
        Assert.True(AttOpcode.IsRequest(AttOpcode.ReadRequest));
        Assert.True(AttOpcode.IsRequest(AttOpcode.ExchangeMtuRequest));
        Assert.False(AttOpcode.IsRequest(AttOpcode.ReadResponse));
        Assert.False(AttOpcode.IsRequest(AttOpcode.WriteCommand));
        Assert.False(AttOpcode.IsRequest(AttOpcode.HandleValueNotification));
        Assert.False(AttOpcode.IsRequest(AttOpcode.HandleValueConfirmation));
    }

    [Fact]
    public void Describes_att_errors_in_words()
    {
        Assert.Contains("pairing", AttErrors.Describe(0x05));
        Assert.Equal("attribute not found", AttErrors.Describe(0x0A));
        Assert.Equal("application error 0x80", AttErrors.Describe(0x80));
    }
}
