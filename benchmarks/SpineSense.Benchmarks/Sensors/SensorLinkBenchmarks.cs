using System.Text;
using BenchmarkDotNet.Attributes;
using SpineSense.Sensors;
using SpineSense.Sensors.Att;
using SpineSense.Sensors.Gatt;
using SpineSense.Sensors.Replay;
using SpineSense.Sensors.Transport;

namespace SpineSense.Benchmarks.Sensors;

/// <summary>
/// Host cost of the BLE receive path and of recording it:
/// - 1000 ATT notifications (244-byte values) through socketpair(AF_UNIX, SOCK_SEQPACKET) → reader thread →
///   GattClient dispatch, the same code that reads an L2CAP ATT socket (kernel Bluetooth excluded);
/// - writing one 244-byte record of the raw packet log.
/// </summary>
[MemoryDiagnoser]
public class SensorLinkBenchmarks
{
    private FdPacketTransport _peripheral = null!;
    private GattClient _client = null!;
    private byte[] _pdu = null!;
    private int _received;
    private TaskCompletionSource _done = null!;
    private int _target;
    private PacketLogWriter _log = null!;
    private SensorNotification _notification;

    [GlobalSetup]
    public void Setup()
    {
        var (host, peripheral) = FdPacketTransport.CreatePair("bench");
        _peripheral = peripheral;
        _client = new GattClient(host);
        _client.ValueReceived += _ =>
        {
            if (Interlocked.Increment(ref _received) == _target) _done.TrySetResult();
        };
        _client.Start();
        var value = new byte[244];
        new Random(1).NextBytes(value);
        _pdu = new byte[247];
        AttPdu.WriteHandleValue(_pdu, 0x0006, value, indication: false);
        _notification = new SensorNotification(SensorCharacteristic.ImuData, value, 1_764_000_000_000_000);
        _log = new PacketLogWriter(new StreamWriter(Stream.Null, new UTF8Encoding(false), 1 << 16));
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _client.DisposeAsync();
        await _peripheral.DisposeAsync();
        _log.Dispose();
    }

    [Benchmark(OperationsPerInvoke = 1000, Description = "notification over socketpair → GattClient (per PDU)")]
    public async Task ReceiveThousandNotifications()
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _target = Volatile.Read(ref _received) + 1000;
        for (int i = 0; i < 1000; i++) await _peripheral.SendAsync(_pdu, default);
        await _done.Task;
    }

    [Benchmark(Description = "packet log: write one 244-byte record")]
    public void WriteLogRecord() => _log.Write(_notification);
}
