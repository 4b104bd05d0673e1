using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace SpineSense.Server.Tests.Support;

/// <summary>What a PDF says: its /Title metadata (always readable) plus, with poppler's pdftotext, its page text.</summary>
public static partial class PdfText
{
    public const string PdfToText = "/usr/bin/pdftotext";

    /// <summary>The document title Chromium writes from the page's &lt;title&gt; (literal or UTF-16BE hex string).</summary>
    public static string? Title(byte[] pdf)
    {
        string raw = Encoding.Latin1.GetString(pdf);
        var hex = TitleHex().Match(raw);
        if (hex.Success)
        {
            byte[] bytes = Convert.FromHexString(hex.Groups[1].Value);
            return bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF ? Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2) : Encoding.Latin1.GetString(bytes);
        }
        var literal = TitleLiteral().Match(raw);
        return literal.Success ? literal.Groups[1].Value : null;
    }

    /// <summary>Page text via pdftotext when installed (poppler-utils), else the empty string.</summary>
    public static string PageText(byte[] pdf)
    {
        if (!File.Exists(PdfToText)) return "";
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, pdf);
            var psi = new ProcessStartInfo(PdfToText, [path, "-"]) { RedirectStandardOutput = true, UseShellExecute = false };
            using var p = Process.Start(psi)!;
            string text = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return text;
        }
        finally { File.Delete(path); }
    }

    [GeneratedRegex(@"/Title\s*<([0-9A-Fa-f\s]+)>")]
    private static partial Regex TitleHex();

    [GeneratedRegex(@"/Title\s*\(((?:[^()\\]|\\.)*)\)")]
    private static partial Regex TitleLiteral();
}
