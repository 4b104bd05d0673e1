using SpineSense.Sensors.Att;
using SpineSense.Sensors.Gatt;

namespace SpineSense.Sensors.Tests.Att;

public class AttUuidTests
{
    [Fact]
    public void A_16_bit_uuid_equals_its_128_bit_base_form()
    {
        var shortForm = AttUuid.FromUInt16(0x2A19);
        var longForm = AttUuid.Parse("00002a19-0000-1000-8000-00805f9b34fb");
        Assert.Equal(shortForm, longForm);
        Assert.True(longForm.Is16Bit);
        Assert.Equal(2, longForm.WireLength);
        Assert.Equal("0x2A19", longForm.ToString());
    }

    [Fact]
    public void A_custom_128_bit_uuid_is_written_little_endian_on_the_wire()
    {
        var service = AttUuid.Parse("53504e01-5370-696e-6553-656e73650000");
        Assert.False(service.Is16Bit);
        var wire = new byte[16];
        Assert.Equal(16, service.Write(wire));
        // textual order reversed: last byte of the string first
        Assert.Equal(Convert.FromHexString("000065736e6553656e69705301" + "4e5053"), wire);
        Assert.True(AttUuid.TryRead(wire, out var back));
        Assert.Equal(service, back);
        Assert.Equal("53504e01-5370-696e-6553-656e73650000", back.ToString());
    }

    [Fact]
    public void Uuids_outside_the_base_with_small_top_bits_are_not_mistaken_for_16_bit()
    {
        var notBase = AttUuid.Parse("00002a19-0000-1000-8000-00805f9b34fc");
        Assert.False(notBase.Is16Bit);
        Assert.NotEqual(AttUuid.FromUInt16(0x2A19), notBase);
        Assert.False(AttUuid.Parse("12342a19-0000-1000-8000-00805f9b34fb").Is16Bit);
    }

    [Fact]
    public void Spinesense_layout_matches_the_protocol_constants()
    {
        Assert.Equal(AttUuid.Parse("53504e01-5370-696e-6553-656e73650000"), SpineSenseGatt.Service);
        Assert.Equal(AttUuid.Parse("53504e02-5370-696e-6553-656e73650000"), SpineSenseGatt.ImuData);
        Assert.Equal(AttUuid.Parse("53504e03-5370-696e-6553-656e73650000"), SpineSenseGatt.ControlPoint);
        Assert.Equal(AttUuid.Parse("53504e04-5370-696e-6553-656e73650000"), SpineSenseGatt.Status);
        Assert.Equal(AttUuid.FromUInt16(0x180F), SpineSenseGatt.BatteryService);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2a1")]
    [InlineData("53504e01-5370-696e-6553-656e7365000")]
    [InlineData("53504e01x5370-696e-6553-656e73650000")]
    [InlineData("zzzz")]
    public void Rejects_text_that_is_not_a_uuid(string text) => Assert.False(AttUuid.TryParse(text, out _));

    [Fact]
    public void Reading_rejects_lengths_other_than_2_and_16() =>
        Assert.False(AttUuid.TryRead(new byte[4], out _));
}
