namespace SpineSense.Cli.Output;

/// <summary>
/// Standard output as every command writes it: a write that fails (stdout redirected to a full disk, a failing
/// device) becomes the one <see cref="CliException"/> the runner prints, exit 3 like any other disk failing under a
/// usable path (README), instead of an unhandled exception's stack trace. Holds no state of its own, so it is as
/// thread-safe as the writer it wraps (Console.Out is synchronized).
/// </summary>
internal sealed class StandardOutputWriter(TextWriter inner) : TextWriter
{
    public override System.Text.Encoding Encoding => inner.Encoding;
    public override IFormatProvider FormatProvider => inner.FormatProvider;
#pragma warning disable CS8765 // TextWriter.NewLine's setter takes string?; pass it on unchanged
    public override string NewLine { get => inner.NewLine; set => inner.NewLine = value; }
#pragma warning restore CS8765

    public override void Write(char value) { try { inner.Write(value); } catch (IOException e) { throw Failed(e); } }
    public override void Write(string? value) { try { inner.Write(value); } catch (IOException e) { throw Failed(e); } }
    public override void Write(char[] buffer, int index, int count) { try { inner.Write(buffer, index, count); } catch (IOException e) { throw Failed(e); } }
    public override void Write(ReadOnlySpan<char> buffer) { try { inner.Write(buffer); } catch (IOException e) { throw Failed(e); } }
    public override void WriteLine() { try { inner.WriteLine(); } catch (IOException e) { throw Failed(e); } }
    public override void WriteLine(string? value) { try { inner.WriteLine(value); } catch (IOException e) { throw Failed(e); } }
    public override void WriteLine(ReadOnlySpan<char> buffer) { try { inner.WriteLine(buffer); } catch (IOException e) { throw Failed(e); } }
    public override void Flush() { try { inner.Flush(); } catch (IOException e) { throw Failed(e); } }

    private static CliException Failed(IOException e) =>
        new(CliException.Unavailable, $"cannot write to standard output: {e.Message}");
}
