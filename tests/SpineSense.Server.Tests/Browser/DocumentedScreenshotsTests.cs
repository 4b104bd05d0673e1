using System.Text.RegularExpressions;
using SpineSense.Server.Tests.Support;

namespace SpineSense.Server.Tests.Browser;

/// <summary>
/// The browser tests write their screenshots to a temporary directory (the committed ones change only through
/// tools/update-screenshots.sh), so nothing else would notice a doc pointing at an image that is not committed.
/// </summary>
public class DocumentedScreenshotsTests
{
    private static readonly Regex ImageLink = new(@"!\[[^\]]*\]\(([^)\s]+)\)", RegexOptions.Compiled);

    [Fact]
    public void Every_image_the_readme_and_docs_show_is_a_committed_png()
    {
        string root = RepoPaths.Root();
        var docs = new[] { Path.Combine(root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md"));
        var missing = new List<string>();
        var linked = new List<string>();
        int screenshots = 0;
        foreach (string doc in docs)
            foreach (Match m in ImageLink.Matches(File.ReadAllText(doc)))
            {
                string target = m.Groups[1].Value;
                if (target.StartsWith("http", StringComparison.Ordinal)) continue;
                string path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(doc)!, target));
                if (target.Contains("screenshots/", StringComparison.Ordinal)) screenshots++;
                if (!File.Exists(path) || !IsPng(path)) missing.Add($"{Path.GetFileName(doc)} → {target}");
                linked.Add(path);
            }
        Assert.Empty(missing);
        // In a git checkout, "committed" is checked against the index too: a PNG left in the working tree by a local run
        // would pass the file check here and be missing from a fresh clone.
        var tracked = TrackedFiles(root);
        if (tracked is not null)
            Assert.Empty(linked.Where(p => !tracked.Contains(Path.GetRelativePath(root, p).Replace('\\', '/'))));
        Assert.True(screenshots >= 7, $"the README and docs/DASHBOARD.md show the dashboard screenshots; found {screenshots} links");
    }

    [Fact]
    public void A_test_run_writes_screenshots_outside_the_repository_unless_asked_to_update_them()
    {
        string dir = RepoPaths.ScreenshotDirectory();
        string docs = Path.Combine(RepoPaths.Root(), "docs", "screenshots");
        if (RepoPaths.UpdatesCommittedScreenshots)
            Assert.Equal(Path.GetFullPath(docs), Path.GetFullPath(dir));
        else
            Assert.False(Path.GetFullPath(dir).StartsWith(Path.GetFullPath(RepoPaths.Root()), StringComparison.Ordinal), dir);
        Assert.True(Directory.Exists(dir));
    }

    /// <summary>The files git tracks under <paramref name="root"/>, or null when this is not a git checkout (a source
    /// tarball) or git is not installed.</summary>
    private static HashSet<string>? TrackedFiles(string root)
    {
        if (!Directory.Exists(Path.Combine(root, ".git")) && !File.Exists(Path.Combine(root, ".git"))) return null;
        try
        {
            var psi = new System.Diagnostics.ProcessStartInfo("git", ["-C", root, "ls-files", "-z"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var git = System.Diagnostics.Process.Start(psi)!;
            string output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0 ? output.Split('\0', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine
        }
    }

    private static bool IsPng(string path)
    {
        Span<byte> head = stackalloc byte[8];
        using var f = File.OpenRead(path);
        return f.Read(head) == 8 && head.SequenceEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A });
    }
}
