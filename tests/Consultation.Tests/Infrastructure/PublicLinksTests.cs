namespace Consultation.Tests.Infrastructure;

using System.Net;
using System.Text.RegularExpressions;
using Consultation.Tests.Jobs;
using Consultation.Tests.Support;
using Consultation.Web.Demo;
using Consultation.Web.Domain;
using Consultation.Web.Jobs;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Every absolute link the app prints or mails starts with the public base URL (App:PublicBaseUrl), or without it with the
/// address the app listens on: never with the Host header of the request that caused it (issue 14, finding 2).
/// </summary>
[Collection(JobServers.Name)]
public sealed partial class PublicLinksTests
{
    private const string PublicBaseUrl = "https://consult.example.org";

    /// <summary>A host the public base URL allows, reached on another scheme and port, so a link built from the request would differ.</summary>
    private static readonly Uri RequestedAs = new("https://consult.example.org:8443/");

    [Fact]
    public async Task ResumeLinkEmail_AskedForUnderAForeignHost_CarriesTheListeningAddress_WhenNoPublicBaseUrlIsSet()
    {
        await using var smtp = new TestSmtpServer();
        await using var app = AppFactory.With(smtp.Settings());
        var address = StartListening(app);
        var journey = await app.JourneyAsync(anonymous: true);
        using var client = ForeignHostClient(address);

        await AskForResumeEmailAsync(client, journey, "later@example.org");
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DeliverEmailsJob>().RunAsync(CancellationToken.None);

        var message = Assert.Single(await smtp.WaitForAsync(1));
        var body = (message.TextBody ?? "") + message.HtmlBody;
        Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
        Assert.Matches($@"{Regex.Escape(address)}/c/{journey.Slug}/resume/\S+/answer", message.TextBody);
    }

    [Fact]
    public async Task Receipt_SubmittedUnderAForeignHost_CarriesTheListeningAddress_WhenNoPublicBaseUrlIsSet()
    {
        await using var app = new AppFactory();
        var address = StartListening(app);
        var journey = await app.JourneyAsync();
        using var client = ForeignHostClient(address);

        await CompleteAsync(client, journey.PersonalLink);

        var receipt = await ReceiptToAsync(app, journey.Email);
        Assert.DoesNotContain("evil.example", receipt, StringComparison.Ordinal);
        Assert.Contains($"{address}{journey.PersonalLink}", receipt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResumeLinkEmail_ThankYouPage_AndReceipt_CarryThePublicBaseUrl_NotTheRequestsSchemeAndPort()
    {
        await using var smtp = new TestSmtpServer();
        await using var app = AppFactory.With(new Dictionary<string, string?>(smtp.Settings()) { ["App:PublicBaseUrl"] = PublicBaseUrl });
        var journey = await app.JourneyAsync();
        using var respondent = Client(app);

        // A public-link respondent: the resume email, then the thank-you page's link to come back with.
        var resumePath = await AskForResumeEmailAsync(respondent, journey, "later@example.org");
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DeliverEmailsJob>().RunAsync(CancellationToken.None);
        var message = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Contains($"{PublicBaseUrl}{resumePath}", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(":8443", message.TextBody + message.HtmlBody, StringComparison.Ordinal);

        var resumed = resumePath[..^"/answer".Length];
        await ResponseAssert.RedirectsTo($"{resumed}/thank-you", await respondent.CompleteAsync(await respondent.GetPageAsync(resumePath),
            new Dictionary<string, string[]> { ["role"] = ["academic"], ["agree"] = ["yes"] }));
        var thanks = await respondent.GetPageAsync($"{resumed}/thank-you");
        var returnLink = thanks.QuerySelector("a.text-break")?.GetAttribute("href");
        Assert.Equal($"{PublicBaseUrl}{resumed}/thank-you", returnLink);

        // An invited stakeholder's receipt.
        using var invited = Client(app);
        await CompleteAsync(invited, journey.PersonalLink);
        Assert.Contains($"{PublicBaseUrl}{journey.PersonalLink}", await ReceiptToAsync(app, journey.Email), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountInvitation_CarriesThePublicBaseUrl_NotTheRequestsSchemeAndPort()
    {
        await using var app = AppFactory.With(new Dictionary<string, string?> { ["App:PublicBaseUrl"] = PublicBaseUrl });
        using var admin = Client(app);
        var signIn = await Staff.SignInPageAsync(admin);
        await ResponseAssert.RedirectsTo("/staff", await admin.SignInAsync(signIn, DemoSeeder.AdminEmail, AppFactory.StaffPassword));
        var email = $"{Guid.NewGuid():N}@example.org";

        await ResponseAssert.RedirectsTo($"{Accounts.UsersPath}?invited={email}", await admin.InviteAsync(Accounts.Invitation(email, "en")));

        var body = await app.WithDbAsync(db => db.OutboundEmails.Where(e => e.Recipient == email).Select(e => e.TextBody!).SingleAsync());
        Assert.Contains($"{PublicBaseUrl}/account/set-password?", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmailsPagePreview_CarriesThePublicBaseUrl_NotTheRequestsSchemeAndPort()
    {
        await using var app = AppFactory.With(new Dictionary<string, string?> { ["App:PublicBaseUrl"] = PublicBaseUrl });
        var journey = await app.JourneyAsync();
        using var admin = Client(app);
        await ResponseAssert.RedirectsTo("/staff", await admin.SignInAsync(await Staff.SignInPageAsync(admin), DemoSeeder.AdminEmail, AppFactory.StaffPassword));

        var page = await admin.GetPageAsync($"/organise/{journey.Consultation.Id}/emails");

        // The preview says it is the email exactly as sent, and what is sent starts with the public base URL.
        var bodies = page.QuerySelectorAll("[data-preview] [data-preview-body]").Select(b => b.TextContent).ToList();
        Assert.NotEmpty(bodies);
        Assert.All(bodies, body =>
        {
            Assert.Contains($"{PublicBaseUrl}/r/", body, StringComparison.Ordinal);
            Assert.DoesNotContain(":8443", body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task EmailsPagePreview_AskedForUnderAForeignHost_CarriesTheListeningAddress_WhenNoPublicBaseUrlIsSet()
    {
        await using var app = new AppFactory();
        var address = StartListening(app);
        var journey = await app.JourneyAsync();
        using var admin = ForeignHostClient(address);
        await ResponseAssert.RedirectsTo("/staff", await admin.SignInAsync(await Staff.SignInPageAsync(admin), DemoSeeder.AdminEmail, AppFactory.StaffPassword));

        var page = await admin.GetPageAsync($"/organise/{journey.Consultation.Id}/emails");

        var bodies = page.QuerySelectorAll("[data-preview] [data-preview-body]").Select(b => b.TextContent).ToList();
        Assert.NotEmpty(bodies);
        Assert.All(bodies, body =>
        {
            Assert.Contains($"{address}/r/", body, StringComparison.Ordinal);
            Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("consult.example.org")]
    [InlineData("ftp://consult.example.org")]
    [InlineData("https://consult.example.org/?next=1")]
    public async Task AMalformedPublicBaseUrl_StopsTheStart_NamingTheSetting(string value)
    {
        await using var app = AppFactory.With(new Dictionary<string, string?> { ["App:PublicBaseUrl"] = value });

        var refused = Assert.Throws<InvalidOperationException>(() => app.CreateClient());

        Assert.Contains("App:PublicBaseUrl", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Serves the app on a real loopback port; returns the address it listens on (no trailing slash).</summary>
    private static string StartListening(AppFactory app)
    {
        app.UseKestrel(0);
        app.StartServer();
        return app.ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }

    /// <summary>A client that reaches the real server but says it is asking for evil.example.</summary>
    private static HttpClient ForeignHostClient(string address)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(address),
        };
        client.DefaultRequestHeaders.Host = "evil.example";
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    private static HttpClient Client(AppFactory app)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = RequestedAs, AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    /// <summary>Starts on the public link, then asks for the resume link by email; returns the resume path (ending in /answer).</summary>
    private static async Task<string> AskForResumeEmailAsync(HttpClient client, JourneyConsultations.Journey journey, string address)
    {
        var saved = await client.SubmitAsync(await client.GetPageAsync($"{journey.PublicLink}/answer/1"),
            new Dictionary<string, string[]> { ["role"] = ["academic"] });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var location = saved.Headers.Location!.OriginalString;
        var page = await client.GetPageAsync(location);
        var sent = await client.SubmitAsync(page, new Dictionary<string, string[]> { ["ResumeEmail"] = [address] }, formSelector: ".resume-form");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        return ResumePath().Match(location).Value;
    }

    private static async Task CompleteAsync(HttpClient client, string link)
    {
        var done = await client.CompleteAsync(await client.GetPageAsync($"{link}/answer"),
            new Dictionary<string, string[]> { ["role"] = ["academic"], ["agree"] = ["yes"] });
        await ResponseAssert.RedirectsTo($"{link}/thank-you", done);
    }

    private static Task<string> ReceiptToAsync(AppFactory app, string email) =>
        app.WithDbAsync(db => db.OutboundEmails.AsNoTracking().Where(e => e.Recipient == email && e.Kind == EmailKind.Receipt)
            .Select(e => e.TextBody + e.HtmlBody).SingleAsync());

    [GeneratedRegex(@"^/c/[^/]+/resume/[^/]+/answer")]
    private static partial Regex ResumePath();
}
