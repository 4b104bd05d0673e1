using System.Text;
using SpineSense.Sensors.Att;
using SpineSense.Sensors.Discovery;
using SpineSense.Sensors.Gatt;

namespace SpineSense.Sensors.Tests.Discovery;

public class AdvertisementTests
{
    internal static byte[] Ad(byte type, byte[] data) => [(byte)(data.Length + 1), type, .. data];

    internal static byte[] Uuid128(AttUuid u)
    {
        var b = new byte[16];
        u.Write128(b);
        return b;
    }

    [Fact]
    public void Parses_flags_complete_128_bit_uuids_and_complete_name()
    {
        byte[] data = [.. Ad(0x01, [0x06]), .. Ad(0x07, Uuid128(SpineSenseGatt.Service)), .. Ad(0x09, Encoding.UTF8.GetBytes("SpineSense S1")), 0, 0, 0];

        Assert.True(Advertisement.TryParse(data, out var ad));

        Assert.Equal(0x06, ad.Flags);
        Assert.Equal([SpineSenseGatt.Service], ad.ServiceUuids);
        Assert.Equal("SpineSense S1", ad.LocalName);
    }

    [Fact]
    public void Parses_incomplete_lists_and_16_bit_uuids_and_prefers_the_complete_name()
    {
        var other = AttUuid.Parse("0000fe59-0000-1000-8000-00805f9b34fc");
        byte[] data = [.. Ad(0x08, "Spine"u8.ToArray()), .. Ad(0x06, [.. Uuid128(other), .. Uuid128(SpineSenseGatt.Service)]),
                       .. Ad(0x03, [0x0F, 0x18, 0x0A, 0x18]), .. Ad(0x09, "SpineSense"u8.ToArray()), .. Ad(0x0A, [0xF8])];

        Assert.True(Advertisement.TryParse(data, out var ad));

        Assert.Equal([other, SpineSenseGatt.Service, AttUuid.FromUInt16(0x180F), AttUuid.FromUInt16(0x180A)], ad.ServiceUuids);
        Assert.Equal("SpineSense", ad.LocalName);
        Assert.Equal((sbyte)-8, ad.TxPowerDbm);
    }

    [Theory]
    [InlineData("0509537069")]          // name claims 4 bytes, 3 present
    [InlineData("040701020304")]        // 128-bit list that is not a multiple of 16 (3 bytes)
    [InlineData("0403010203")]          // 16-bit list of odd length
    public void Rejects_structures_that_run_past_the_data_or_have_bad_lengths(string hex) =>
        Assert.False(Advertisement.TryParse(Convert.FromHexString(hex), out _));

    [Fact]
    public void Unknown_types_are_skipped()
    {
        Assert.True(Advertisement.TryParse([.. Ad(0xFF, [0x59, 0x00, 0x01]), .. Ad(0x09, "X"u8.ToArray())], out var ad));
        Assert.Equal("X", ad.LocalName);
    }
}
