namespace Consultation.Web.Infrastructure;

using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

/// <summary>
/// The start of every absolute link the app mails or prints: the public base URL (<see cref="BaseUrlSetting"/>) when set,
/// otherwise the address the app listens on. Never the request's Host header: whoever sends a request chooses it, and a
/// link in an email from the platform's own server would carry it (issue 14, finding 2).
/// </summary>
public sealed partial class PublicLinks(IConfiguration configuration, IServer server)
{
    public const string BaseUrlSetting = "App:PublicBaseUrl";

    /// <summary>The configured public base URL; throws, naming the setting, when it is set but not an absolute http(s) URL.</summary>
    public Uri? Configured
    {
        get
        {
            var value = configuration[BaseUrlSetting]?.Trim();
            if (string.IsNullOrEmpty(value))
                return null;
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
                throw new InvalidOperationException($"{BaseUrlSetting} must be the address people use, like https://consult.example.org (got '{value}').");
            return uri;
        }
    }

    /// <summary>Whether links (and so the site) are https: cookies are then always marked Secure.</summary>
    public bool IsHttps => Configured?.Scheme == Uri.UriSchemeHttps;

    /// <summary>The base of every link, without a trailing slash.</summary>
    // Worked out at each call: the listening address is known only once the server has started (a port 0 becomes real then).
    public string BaseUrl => Configured is { } configured ? configured.GetLeftPart(UriPartial.Path).TrimEnd('/') : Listening();

    /// <summary>An absolute link to <paramref name="path"/>, which starts with a slash.</summary>
    public string Absolute(string path) => BaseUrl + path;

    private string Listening()
    {
        var started = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        // Before the server starts (the create-admin command), the addresses it will listen on are the configured ones.
        var addresses = started is { Count: > 0 } ? [.. started]
            : (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var address = addresses.FirstOrDefault(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? "http://localhost";
        return AnyHost().Replace(address, "${scheme}localhost").TrimEnd('/');
    }

    /// <summary>A wildcard listening host (+, *, 0.0.0.0, [::]), which is no address to give anyone.</summary>
    [GeneratedRegex(@"^(?<scheme>https?://)(\+|\*|0\.0\.0\.0|\[::\])(?=[:/]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex AnyHost();
}
