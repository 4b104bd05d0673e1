using System.Text;
using SpineSense.Storage.Outbox;

namespace SpineSense.Storage.Tests.Outbox;

public sealed class Crc32Tests
{
    // Outbox files written by earlier versions (a table-driven CRC) must stay readable: same polynomial, same check value.
    [Fact]
    public void Is_the_ieee_crc32_with_its_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0u, Crc32.Compute([]));
    }

    [Fact]
    public void Equals_the_bitwise_definition_on_long_unaligned_inputs()
    {
        var rng = new Random(7);
        var data = new byte[70_001];
        rng.NextBytes(data);
        foreach (int start in new[] { 0, 1, 3 })
        {
            var span = data.AsSpan(start);
            uint crc = 0xFFFFFFFFu;
            foreach (byte b in span)
            {
                crc ^= b;
                for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
            Assert.Equal(~crc, Crc32.Compute(span));
        }
    }
}
