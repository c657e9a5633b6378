namespace Consultation.Tests.Infrastructure;

using System.Net;
using Consultation.Tests.Support;
using Consultation.Web.Demo;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

/// <summary>
/// Behind a TLS proxy: host filtering by the public base URL, forwarded headers from listed proxies only, HSTS over HTTPS,
/// and secure cookies (issue 14, finding 5).
/// </summary>
public sealed class TransportSetupTests
{
    private const string Proxy = "10.0.0.5";

    [Fact]
    public async Task WithAPublicBaseUrl_AnotherHostGets400_ItsOwnHostIsServed_AndHealthAnswersAnyHost()
    {
        await using var app = AppFactory.With(new Dictionary<string, string?> { ["App:PublicBaseUrl"] = "https://consult.example.org" });
        using var evil = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://evil.example/"), AllowAutoRedirect = false });
        using var own = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://CONSULT.example.org/"), AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.BadRequest, (await evil.GetAsync($"/c/{DemoSeeder.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await evil.GetAsync("/account/sign-in")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/c/{DemoSeeder.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await evil.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await evil.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task ForwardedHeaders_FromAListedProxy_GiveTheClientsAddressAndScheme()
    {
        await using var app = AppFactory.With(new Dictionary<string, string?> { ["App:TrustedProxies"] = $"{Proxy}, 10.1.0.0/16" });

        var direct = await SendAsync(app, from: Proxy, "/health/live");
        var throughNetwork = await SendAsync(app, from: "10.1.2.3", "/health/live");

        foreach (var context in new[] { direct, throughNetwork })
        {
            Assert.Equal("203.0.113.7", context.Connection.RemoteIpAddress?.ToString());
            Assert.Equal("https", context.Request.Scheme);
        }
    }

    [Fact]
    public async Task ForwardedHeaders_FromAnyOtherAddress_AreIgnored()
    {
        await using var listed = AppFactory.With(new Dictionary<string, string?> { ["App:TrustedProxies"] = Proxy });
        await using var none = new AppFactory();

        // Loopback was trusted by the framework's defaults: here only what is configured counts.
        foreach (var (app, from) in new[] { (listed, "10.0.0.6"), (listed, "127.0.0.1"), (none, Proxy), (none, "127.0.0.1") })
        {
            var context = await SendAsync(app, from, "/health/live");
            Assert.Equal(from, context.Connection.RemoteIpAddress?.ToString());
            Assert.Equal("http", context.Request.Scheme);
        }
    }

    [Fact]
    public async Task OverHttpsFromTheProxy_ResponsesCarryHsts_AndCookiesAreSecure_WhileOverPlainHttpNeither()
    {
        await using var app = AppFactory.With(new Dictionary<string, string?> { ["App:TrustedProxies"] = Proxy });

        var https = await SendAsync(app, Proxy, "/account/sign-in");
        var http = await SendAsync(app, Proxy, "/account/sign-in", forwardedProto: "http");

        Assert.StartsWith("max-age=", https.Response.Headers.StrictTransportSecurity.ToString(), StringComparison.Ordinal);
        Assert.Contains("secure", AntiforgeryCookie(https), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(http.Response.Headers.StrictTransportSecurity.ToString());
        Assert.DoesNotContain("secure", AntiforgeryCookie(http), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WithAnHttpsPublicBaseUrl_CookiesAreAlwaysSecure_AndPlainHttpIsGivenNoAntiforgeryToken()
    {
        await using var app = AppFactory.With(new Dictionary<string, string?> { ["App:PublicBaseUrl"] = "https://consult.example.org" });
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions
            { BaseAddress = new Uri("https://consult.example.org/"), AllowAutoRedirect = false, HandleCookies = true });

        var page = await client.GetAsync(Staff.SignInPath);
        var signedIn = await client.SubmitAsync(await Html.ParseAsync(page),
            new Dictionary<string, string[]> { ["Input.Email"] = [DemoSeeder.AdminEmail], ["Input.Password"] = [AppFactory.StaffPassword] },
            formSelector: "main form", pagePath: Staff.SignInPath);
        // A request that reached the app as plain HTTP (a proxy missing from App:TrustedProxies) gets no form to post.
        var plain = await SendAsync(app, "10.0.0.9", Staff.SignInPath);

        Assert.Contains("; secure", page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)),
            StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("; secure", signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("consultation.staff=", StringComparison.Ordinal)),
            StringComparison.OrdinalIgnoreCase);
        // Over HTTPS "same as request" would be secure too; this is what makes it so over HTTP as well.
        var staffCookie = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).Cookie;
        Assert.Equal(CookieSecurePolicy.Always, staffCookie.SecurePolicy);
        Assert.Equal(StatusCodes.Status500InternalServerError, plain.Response.StatusCode);
        Assert.Empty(plain.Response.Headers.SetCookie.ToString());
    }

    /// <summary>A request as a proxy at <paramref name="from"/> forwards it for 203.0.113.7; returns the request as the app saw it.</summary>
    private static Task<HttpContext> SendAsync(AppFactory app, string from, string path, string forwardedProto = "https") =>
        app.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(from);
            context.Request.Method = "GET";
            context.Request.Scheme = "http";
            context.Request.Host = new HostString("consult.example.org");
            context.Request.Path = path;
            context.Request.Headers["X-Forwarded-For"] = "203.0.113.7";
            context.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
        });

    private static string AntiforgeryCookie(HttpContext context) =>
        context.Response.Headers.SetCookie.Single(c => c!.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal))!;
}
