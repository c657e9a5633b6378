namespace Consultation.Tests.Infrastructure;

using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// `dotnet Consultation.Web.dll create-admin someone@example.org`, run as an operator would on a production database that
/// has no demo accounts (issue 14, finding 9).
/// </summary>
[Trait("Category", "Process")]
public sealed partial class CreateAdminCommandTests
{
    private const string Password = "a long and quiet afternoon";
    private readonly string _connectionString = TestDatabase.CreateDatabase("admin_cmd");

    [Fact]
    public async Task CreateAdmin_PrintsAOneTimeLinkFromThePublicBaseUrl_ThatSetsThePassword_AndARerunPrintsAFreshLinkKeepingIt()
    {
        var first = await RunAsync("create-admin", "Boss@Example.org");

        Assert.Equal(0, first.ExitCode);
        var link = SetPasswordLink().Match(first.Output);
        Assert.True(link.Success, first.Output);
        Assert.StartsWith("https://consult.example.org/account/set-password?", link.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("example.org/c/", first.Output, StringComparison.Ordinal);

        await using var app = AppFactory.OnDatabase(_connectionString);
        var person = app.Respondent();
        var path = new Uri(link.Value).PathAndQuery;
        var set = await person.SubmitAsync(await person.GetPageAsync(path),
            new Dictionary<string, string[]> { ["Input.Password"] = [Password], ["Input.ConfirmPassword"] = [Password] }, "main form", pagePath: path);
        await ResponseAssert.RedirectsTo("/staff", set);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync(Accounts.UsersPath)).StatusCode);

        var again = await RunAsync("create-admin", "boss@example.org");

        Assert.Equal(0, again.ExitCode);
        var fresh = SetPasswordLink().Match(again.Output).Value;
        Assert.NotEqual(link.Value, fresh);
        // The test app's clock stands still; the fresh link was issued by the command on the real one.
        app.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        var freshPage = await app.Respondent().GetPageAsync(new Uri(fresh).PathAndQuery);
        Assert.NotNull(freshPage.QuerySelector("input[name='Input.Password']"));
        // Nothing else is reset: the password chosen still signs in, and there is still one account.
        await app.SignedInAsync("boss@example.org", Password);
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == "BOSS@EXAMPLE.ORG")));
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("")]
    public async Task CreateAdmin_WithoutAUsableAddress_SaysSoInOneLine_AndCreatesNothing(string address)
    {
        var run = await RunAsync(address.Length == 0 ? ["create-admin"] : ["create-admin", address]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("create-admin", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output + run.Error, StringComparison.Ordinal);
        await using var app = AppFactory.OnDatabase(_connectionString);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == address)));
    }

    [Fact]
    public async Task CreateAdmin_WithoutAPublicBaseUrl_LinksToTheConfiguredListeningAddress_NotAWildcard()
    {
        var run = await RunWithAsync(publicBaseUrl: null, urls: "http://+:8080", "create-admin", "first@example.org");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("http://localhost:8080/account/set-password?", SetPasswordLink().Match(run.Output).Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAdmin_WithAMalformedPublicBaseUrl_NamesTheSetting()
    {
        var run = await RunWithAsync(publicBaseUrl: "consult.example.org", urls: "http://127.0.0.1:0", "create-admin", "first@example.org");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("App:PublicBaseUrl", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output + run.Error, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        // Should the command ever start the web server instead, it must not take a well-known port.
        RunWithAsync("https://consult.example.org", "http://127.0.0.1:0", arguments);

    private async Task<(int ExitCode, string Output, string Error)> RunWithAsync(string? publicBaseUrl, string urls, params string[] arguments)
    {
        var web = Path.Combine(AppContext.BaseDirectory, "Consultation.Web.dll");
        var info = new ProcessStartInfo("dotnet", [web, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.Combine(RepositoryRoot.Path, "src", "Consultation.Web"),
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ConnectionStrings__Consultation"] = _connectionString;
        info.Environment.Remove("App__PublicBaseUrl");
        if (publicBaseUrl is not null)
            info.Environment["App__PublicBaseUrl"] = publicBaseUrl;
        info.Environment["ASPNETCORE_URLS"] = urls;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            // A command that serves instead of exiting must not outlive the test.
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output, await error);
    }

    [GeneratedRegex(@"https?://\S+/account/set-password\?\S+")]
    private static partial Regex SetPasswordLink();
}
