using SpineSense.Protocol.Gatt;

namespace SpineSense.Protocol.Tests.Gatt;

public class SpineSenseUuidsTests
{
    [Fact]
    public void Uses_the_fixed_team_uuids()
    {
        Assert.Equal("53504e01-5370-696e-6553-656e73650000", SpineSenseUuids.Service.ToString());
        Assert.Equal("53504e02-5370-696e-6553-656e73650000", SpineSenseUuids.ImuData.ToString());
        Assert.Equal("53504e03-5370-696e-6553-656e73650000", SpineSenseUuids.ControlPoint.ToString());
        Assert.Equal("53504e04-5370-696e-6553-656e73650000", SpineSenseUuids.Status.ToString());
        Assert.Equal("0000180f-0000-1000-8000-00805f9b34fb", SpineSenseUuids.FromShort(SpineSenseUuids.BatteryService16).ToString());
    }

    [Fact]
    public void Writes_128_bit_uuids_in_att_little_endian_order()
    {
        Span<byte> bytes = stackalloc byte[16];
        Assert.True(SpineSenseUuids.TryWriteAttBytes(SpineSenseUuids.Service, bytes));
        // PROTOCOL.md 2.2 and SS_UUID_SERVICE_ATT in the C header.
        Assert.Equal("00006573" + "6E655365" + "6E697053" + "014E5053", Convert.ToHexString(bytes));
        Assert.True(SpineSenseUuids.TryReadAttBytes(bytes, out Guid back));
        Assert.Equal(SpineSenseUuids.Service, back);
        Assert.True(SpineSenseUuids.TryReadAttBytes([0x19, 0x2A], out Guid level));
        Assert.Equal(SpineSenseUuids.FromShort(0x2A19), level);
        Assert.False(SpineSenseUuids.TryReadAttBytes([1, 2, 3], out _));
        Assert.False(SpineSenseUuids.TryWriteAttBytes(SpineSenseUuids.Service, bytes[..15]));
    }
}
