namespace Consultation.Web.Infrastructure;

using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

/// <summary>
/// Running behind a TLS proxy (issue 14, finding 5): links from the public base URL, requests for other hosts refused,
/// forwarded headers believed from listed proxies only, HSTS over HTTPS, cookies secure when the site is https.
/// See docs/decisions/0015-public-links-and-transport.md.
/// </summary>
public static class TransportSetup
{
    /// <summary>Addresses (10.0.0.5) or networks (10.0.0.0/8) of the proxies whose X-Forwarded-For and -Proto are believed.</summary>
    public const string TrustedProxiesSetting = "App:TrustedProxies";

    public static IServiceCollection AddConsultationTransport(this IServiceCollection services)
    {
        services.AddSingleton<PublicLinks>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            // X-Forwarded-Host is not taken: the host people use is the public base URL's, never a header's.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; only the proxies named in the settings are trusted here.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var entry in (configuration[TrustedProxiesSetting] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
            {
                if (IPAddress.TryParse(entry, out var address))
                    o.KnownProxies.Add(address);
                else if (System.Net.IPNetwork.TryParse(entry, out var network))
                    o.KnownIPNetworks.Add(network);
                else
                    throw new InvalidOperationException($"{TrustedProxiesSetting}: '{entry}' is neither an IP address nor a network like 10.0.0.0/8.");
            }
            // A chain of listed proxies (a load balancer, then nginx) is walked back to the first address not listed.
            o.ForwardLimit = null;
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure<PublicLinks>((o, links) => o.Cookie.SecurePolicy = SecurePolicy(links));
        services.AddOptions<AntiforgeryOptions>()
            .PostConfigure<PublicLinks>((o, links) => o.Cookie.SecurePolicy = SecurePolicy(links));
        return services;
    }

    /// <summary>First in the pipeline, so that everything after (rate limits, audit, cookies, redirects) sees the client's address and scheme.</summary>
    public static IApplicationBuilder UseConsultationTransport(this WebApplication app)
    {
        // Resolved now so that a malformed setting stops the start, naming itself, rather than the first email.
        var publicHost = app.Services.GetRequiredService<PublicLinks>().Configured?.Host;
        var forwarded = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        // With no proxy listed the middleware would believe every sender: it runs only when some are.
        if (forwarded.KnownProxies.Count > 0 || forwarded.KnownIPNetworks.Count > 0)
            app.UseForwardedHeaders();
        if (publicHost is not null)
            app.Use((context, next) => RefuseOtherHosts(context, next, publicHost));
        // Sent only over HTTPS, and never for localhost: plain-HTTP loopback (tests, benchmarks, the demo) is unaffected.
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        return app;
    }

    private static CookieSecurePolicy SecurePolicy(PublicLinks links) =>
        links.IsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    /// <summary>Only the public host is served; health probes come by address or by an internal name, so they may use any.</summary>
    private static Task RefuseOtherHosts(HttpContext context, Func<Task> next, string publicHost)
    {
        if (context.Request.Host.Host.Equals(publicHost, StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
            return next();
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return Task.CompletedTask;
    }
}
