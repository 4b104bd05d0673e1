namespace SpineSense.Sensors.Tests;

public class SensorNotificationQueueTests
{
    private static SensorNotification Payload(byte b, long us) =>
        new(SensorCharacteristic.ImuData, new byte[] { b }, us);

    [Fact]
    public void Keeps_the_oldest_payloads_and_counts_the_ones_refused_when_full()
    {
        var queue = new SensorNotificationQueue(capacity: 3);
        for (byte i = 0; i < 5; i++) queue.Write(Payload(i, i));

        Assert.Equal(2, queue.Dropped);
        var seen = new List<byte>();
        while (queue.Reader.TryRead(out var n)) seen.Add(n.Payload.Span[0]);
        Assert.Equal(new byte[] { 0, 1, 2 }, seen);
    }

    [Fact]
    public async Task Completion_with_an_error_reaches_the_reader_after_queued_payloads()
    {
        var queue = new SensorNotificationQueue(capacity: 8);
        queue.Write(Payload(7, 1));
        queue.Complete(new SensorLinkException(SensorLinkError.BadReplayLog, "bad"));
        queue.Write(Payload(8, 2));

        Assert.True(queue.Reader.TryRead(out var first));
        Assert.Equal(7, first.Payload.Span[0]);
        var error = await Assert.ThrowsAsync<SensorLinkException>(() => queue.Reader.Completion);
        Assert.Equal(SensorLinkError.BadReplayLog, error.Error);
        Assert.Equal(1, queue.Dropped);
    }

    [Fact]
    public void NoBluetooth_message_points_to_the_simulated_sensor()
    {
        var e = SensorLinkException.NoBluetooth("the kernel has no Bluetooth support");
        Assert.Equal(SensorLinkError.NoBluetooth, e.Error);
        Assert.Contains("--sensor sim", e.Message);
        Assert.StartsWith("Bluetooth is not available on this machine (the kernel has no Bluetooth support)", e.Message);
    }
}
