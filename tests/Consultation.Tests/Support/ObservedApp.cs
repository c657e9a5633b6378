namespace Consultation.Tests.Support;

using System.Net;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

/// <summary>
/// The app with two observations for sign-in tests: every password hash computed or verified is counted (the real
/// hasher does the work), and a request may say which network address it comes from (<see cref="AddressHeader"/>),
/// as requests from different machines would.
/// </summary>
public sealed class ObservedApp : AppFactory
{
    public const string AddressHeader = "X-Test-Remote-Address";

    /// <summary>Lower than the default so that tests reach it quickly; the per-account limit keeps its default.</summary>
    public const int FailuresPerAddress = 12;

    private int _hashes;

    public ObservedApp() => Settings["SignIn:Throttle:FailuresPerAddress"] = FailuresPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Password hashes computed or verified so far.</summary>
    public int PasswordHashes => Volatile.Read(ref _hashes);

    private static int _addresses;

    /// <summary>An address no other test has used.</summary>
    public static string NewAddress()
    {
        var n = Interlocked.Increment(ref _addresses);
        return $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}";
    }

    /// <summary>A browser without scripts whose requests come from <paramref name="address"/>.</summary>
    public HttpClient From(string address, string acceptLanguage = "en-GB")
    {
        var client = Respondent(acceptLanguage);
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddScoped<IPasswordHasher<StaffUser>>(sp =>
                new CountingHasher(new PasswordHasher<StaffUser>(sp.GetService<IOptions<PasswordHasherOptions>>()), this));
            services.AddSingleton<IStartupFilter, AddressFromHeader>();
        });
    }

    private sealed class CountingHasher(IPasswordHasher<StaffUser> inner, ObservedApp app) : IPasswordHasher<StaffUser>
    {
        public string HashPassword(StaffUser user, string password)
        {
            Interlocked.Increment(ref app._hashes);
            return inner.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref app._hashes);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private sealed class AddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[AddressHeader].ToString(), out var address))
                    context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
