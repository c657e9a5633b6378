namespace Consultation.Tests.Support;

using Consultation.Web.Data;
using Consultation.Web.Demo;
using Consultation.Web.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

/// <summary>
/// The app in its own Testing environment on a fresh database of the test run's private cluster,
/// with the demo seeded and a clock the test can move.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    /// <summary>The demo accounts' password in tests (Demo:Password).</summary>
    public const string StaffPassword = "correct horse battery staple";

    /// <summary>The key personal links of named consultations are derived with in tests (InvitationLinks:Keys:test).</summary>
    public const string LinkKeyId = "test";
    public const string LinkKey = "V7inSdsMWTDZW23ZNjd4WrJTtqsJtHxA6C/h+aGLv+E=";

    public AppFactory() : this(null)
    {
    }

    // Not public: xunit wants one public constructor on a class fixture.
    private AppFactory(string? connectionString, IDictionary<string, string?>? settings = null)
    {
        ConnectionString = connectionString ?? TestDatabase.CreateDatabase("app");
        Settings = settings ?? new Dictionary<string, string?>();
    }

    /// <summary>A second app on an existing database, as a second node behind a load balancer would be.</summary>
    public static AppFactory OnDatabase(string connectionString, IDictionary<string, string?>? settings = null) => new(connectionString, settings);

    /// <summary>An app with settings of its own, such as a job server (Jobs:Server) or an SMTP server to use.</summary>
    public static AppFactory With(IDictionary<string, string?> settings) => new(null, settings);

    public IDictionary<string, string?> Settings { get; }

    public string ConnectionString { get; }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the framework does not read the build's static-asset manifest, whose
        // precompressed files a real browser (asking for gzip) would otherwise get empty.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:Consultation", ConnectionString);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:Password", StaffPassword);
        // Every test of a class shares one address: a test of the limit turns it on with its own settings.
        builder.UseSetting("Respondents:UploadsPerHour", "0");
        builder.UseSetting("InvitationLinks:CurrentKeyId", LinkKeyId);
        builder.UseSetting($"InvitationLinks:Keys:{LinkKeyId}", LinkKey);
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    /// <summary>A client that behaves like a plain browser without scripts: cookies kept, redirects not followed.</summary>
    public HttpClient Respondent(string acceptLanguage = "en-GB,en;q=0.8")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ClientOptions.BaseAddress, AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<ConsultationDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ConsultationDbContext>());
    }

    public Task WithDbAsync(Func<ConsultationDbContext, Task> work) =>
        WithDbAsync(async db => { await work(db); return true; });

    /// <summary>The demo's links (seeding again is harmless and gives them back).</summary>
    public async Task<DemoSeed> DemoAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
    }

    /// <summary>A fresh personal link to the demo consultation for a new stakeholder speaking <paramref name="language"/>.</summary>
    public Task<string> NewInvitationAsync(string language) => WithDbAsync(async db =>
    {
        var consultation = await db.Consultations.SingleAsync(c => c.Slug == DemoSeeder.Slug);
        var stakeholder = Stakeholder.Create("Test Person", $"{Guid.NewGuid():N}@example.org", null, Sector.Other, "KE", language, Clock.GetUtcNow());
        var token = InvitationToken.New();
        db.Stakeholders.Add(stakeholder);
        db.Invitations.Add(Invitation.Issue(consultation, stakeholder, token, Clock.GetUtcNow()));
        await db.SaveChangesAsync();
        return token;
    });

    public Task<List<Response>> ResponsesAsync() => WithDbAsync(db => db.Responses.AsNoTracking().ToListAsync());
}
