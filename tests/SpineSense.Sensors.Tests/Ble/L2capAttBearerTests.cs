using SpineSense.Sensors.Ble;

namespace SpineSense.Sensors.Tests.Ble;

public class L2capAttBearerTests
{
    [Fact]
    public void Sockaddr_l2_has_family_zero_psm_reversed_address_att_cid_and_type()
    {
        var sa = new byte[14];

        L2capAttBearer.WriteSockaddr(sa, BluetoothAddress.Parse("C0:11:22:33:44:55"), BleAddressType.Random);

        Assert.Equal(Convert.FromHexString("1F00" + "0000" + "5544332211C0" + "0400" + "02" + "00"), sa);
    }

    [Theory]
    [InlineData("C0:11:22:33:44:55", "C0:11:22:33:44:55", BleAddressType.Random)]
    [InlineData("c0:11:22:33:44:55/public", "C0:11:22:33:44:55", BleAddressType.Public)]
    [InlineData("C0-11-22-33-44-55/random", "C0:11:22:33:44:55", BleAddressType.Random)]
    public void Parses_sensor_arguments(string text, string address, BleAddressType type)
    {
        var (a, t) = BleSensorLink.ParseArgument(text);
        Assert.Equal(address, a.ToString());
        Assert.Equal(type, t);
    }

    [Theory]
    [InlineData("C0:11:22:33:44")]
    [InlineData("C0:11:22:33:44:5G")]
    [InlineData("C0:11:22:33:44:55/bredr")]
    public void Rejects_bad_sensor_arguments(string text) =>
        Assert.Throws<FormatException>(() => BleSensorLink.ParseArgument(text));

    [Fact]
    public void Bdaddr_is_least_significant_octet_first()
    {
        var a = BluetoothAddress.Parse("01:02:03:04:05:06");
        var bd = new byte[6];
        a.WriteBdAddr(bd);
        Assert.Equal(new byte[] { 6, 5, 4, 3, 2, 1 }, bd);
        Assert.Equal(a, BluetoothAddress.ReadBdAddr(bd));
    }
}
