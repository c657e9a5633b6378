namespace Consultation.Tests;

using System.Diagnostics;
using System.Text.RegularExpressions;
using Consultation.Tests.Support;

/// <summary>The README's first command, run as a new user would: the built app in Development, on its own embedded database.</summary>
[Trait("Category", "Process")]
public sealed partial class ProgramTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "consultation-program-test-" + Guid.NewGuid().ToString("N")[..8], "postgres");

    [Fact]
    public async Task Run_OnAFreshMachine_StartsItsOwnDatabase_SeedsTheDemo_AndPrintsTheLinks_ThenReusesThemNextTime()
    {
        var first = await RunUntilLinksAsync();
        var second = await RunUntilLinksAsync();

        Assert.Matches(@"Consultation is running at http://127\.0\.0\.1:\d+", first.Output);
        Assert.Contains("/c/ai-safety-priorities", first.Output, StringComparison.Ordinal);
        Assert.Equal(5, first.Links.Count);
        Assert.Contains(first.Links, l => l.EndsWith("(ko)", StringComparison.Ordinal));
        Assert.Matches(@"Staff sign-in: .*/account/sign-in  \(password: \S{12,}\)", first.Output);
        Assert.Contains("organiser@example.org", first.Output, StringComparison.Ordinal);
        Assert.Equal(StaffPassword().Match(first.Output).Value, StaffPassword().Match(second.Output).Value);
        Assert.Equal(first.Links, second.Links);
        Assert.DoesNotContain("fail:", first.Output + second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_AReceiptForAPersonalLink_GoesThroughTheInProcessMailServer_IntoTheMailbox()
    {
        using var app = Start();
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!lines.Any(l => l.Contains("analyst@example.org", StringComparison.Ordinal)) && await app.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            lines.Add(line);
        var address = RunningAt().Match(string.Join("\n", lines)).Groups[1].Value;
        var link = lines.Select(l => PersonalLink().Match(l)).First(m => m.Success && m.Groups[2].Value == "sw").Groups[1].Value;
        var password = StaffPassword().Match(string.Join("\n", lines)).Value["password: ".Length..].TrimEnd(')');
        try
        {
            using var respondent = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
            var form = await Html.ParseAsync(await respondent.GetAsync($"{link}/answer"));
            await ResponseAssert.RedirectsTo($"{link}/thank-you", await respondent.CompleteAsync(form, DemoAnswers.Valid()));

            using var admin = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
            var signIn = await Html.ParseAsync(await admin.GetAsync("/account/sign-in"));
            await admin.SubmitAsync(signIn, new Dictionary<string, string[]> { ["Input.Email"] = ["admin@example.org"], ["Input.Password"] = [password] },
                formSelector: "main form", pagePath: "/account/sign-in");
            string mailbox = "";
            for (var i = 0; i < 100 && !mailbox.Contains("Subject: ", StringComparison.Ordinal); i++)
            {
                await Task.Delay(200);
                mailbox = (await Html.ParseAsync(await admin.GetAsync("/admin/mailbox"))).Body!.TextContent;
            }
            Assert.Contains("wanjiru.kamau@example.org", mailbox, StringComparison.Ordinal);
            Assert.Contains("Content-Language: sw", mailbox, StringComparison.Ordinal);
        }
        finally
        {
            Process.Start("kill", ["-TERM", app.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).WaitForExit();
            await app.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
    }

    [Fact]
    public async Task Run_WithoutPostgreSqlServerPrograms_SaysSoInOneSentenceNamingThePackage()
    {
        using var app = Start(("Embedded__BinDirectory", "/nonexistent/bin"));
        var output = await app.StandardError.ReadToEndAsync() + await app.StandardOutput.ReadToEndAsync();
        await app.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1, app.ExitCode);
        Assert.Contains("install the Debian package 'postgresql'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private async Task<(string Output, List<string> Links)> RunUntilLinksAsync()
    {
        using var app = Start();
        var output = new System.Text.StringBuilder();
        var links = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!output.ToString().Contains("analyst@example.org", StringComparison.Ordinal) && await app.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            output.AppendLine(line);
            if (PersonalLink().Match(line) is { Success: true } link)
                links.Add($"{link.Groups[1].Value} ({link.Groups[2].Value})");
        }
        // A graceful stop (SIGTERM, as a service manager sends; SIGINT may be ignored when the tests run in the background), which also stops the embedded PostgreSQL server.
        Process.Start("kill", ["-TERM", app.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).WaitForExit();
        await app.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        output.Append(await app.StandardOutput.ReadToEndAsync());
        Assert.False(File.Exists(Path.Combine(_dataDirectory, "postmaster.pid")), "The embedded server was left running.\n" + output);
        return (output.ToString(), links);
    }

    private Process Start(params (string Name, string Value)[] settings)
    {
        var web = Path.Combine(AppContext.BaseDirectory, "Consultation.Web.dll");
        var info = new ProcessStartInfo("dotnet", [web, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.Combine(RepositoryRoot.Path, "src", "Consultation.Web"),
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Embedded__DataDirectory"] = _dataDirectory;
        info.Environment.Remove("ConnectionStrings__Consultation");
        foreach (var (name, value) in settings)
            info.Environment[name] = value;
        return Process.Start(info)!;
    }

    public void Dispose()
    {
        var root = Path.GetDirectoryName(_dataDirectory)!;
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
    }

    [GeneratedRegex(@"Consultation is running at (http://\S+)")]
    private static partial Regex RunningAt();

    [GeneratedRegex(@"password: \S+")]
    private static partial Regex StaffPassword();

    [GeneratedRegex(@"^\s+http://\S+(/r/[A-Za-z0-9_-]{22})\s+\((\w+)\)$")]
    private static partial Regex PersonalLink();
}
