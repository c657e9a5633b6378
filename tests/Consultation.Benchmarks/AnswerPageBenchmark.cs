namespace Consultation.Benchmarks;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Pages.Respond;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Requests per second of a 40-question answer page (<c>/c/{slug}/answer</c>) against the same HTML served as a
/// static file by the same app, through the same middleware, in the same run: as shipped (the blank page's HTML
/// from memory with this request's token and key, the link's consultation read at most a second ago, the questionnaire
/// cached by version); with the consultation read on every request; rendered by Razor on every request (the
/// questionnaire still cached: the page before the blank page cache); and with no cache at all.
/// The four apps run in this process on Kestrel over loopback, on one throwaway PostgreSQL cluster.
/// </summary>
internal static class AnswerPageBenchmark
{
    public const string StaticPath = "/bench/static-answer-page.html";

    // Usage: answer-page [seconds per measurement=5] [rounds=5] [concurrent workers=8]
    // Run it with DOTNET_gcServer=1: the app ships with server GC (the Web SDK's default), this console does not.
    public static async Task RunAsync(string[] args)
    {
        int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
        var seconds = Arg(0, 5);
        var rounds = Arg(1, 5);
        var workers = Arg(2, 8);

        var folder = Path.Combine(Path.GetTempPath(), "consultation-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        var staticFile = Path.Combine(folder, "answer-page.html");
        using var cluster = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = Path.Combine(folder, "pg"), ForTests = true });
        try
        {
            var database = cluster.ConnectionString();
            await using var cached = new BenchApp(database, questionnaires: true, linkStates: true, blankPages: true, staticFile);
            await using var readEachTime = new BenchApp(database, questionnaires: true, linkStates: false, blankPages: true, staticFile);
            await using var rendered = new BenchApp(database, questionnaires: true, linkStates: false, blankPages: false, staticFile);
            await using var uncached = new BenchApp(database, questionnaires: false, linkStates: false, blankPages: false, staticFile);
            foreach (var app in new[] { cached, readEachTime, rendered, uncached })
                app.Start();

            var slug = await cached.SeedAsync(questions: 40);
            var pagePath = $"/c/{slug}/answer";
            using var client = Client(workers);
            var html = await client.GetStringAsync(new Uri(cached.Address, pagePath));
            await File.WriteAllTextAsync(staticFile, html);
            var staticHtml = await client.GetStringAsync(new Uri(cached.Address, StaticPath));
            if (staticHtml != html)
                throw new InvalidOperationException("The static copy differs from the page.");
            Console.WriteLine($"{DateTimeOffset.UtcNow:u}; {Environment.ProcessorCount} cores; .NET {Environment.Version}; " +
                $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC; " +
                $"page {pagePath}: {html.Length / 1024.0:F0} KiB of HTML");
            Console.WriteLine($"{workers} concurrent workers, {seconds} s per measurement, {rounds} rounds (interleaved), after a warm-up of each.");

            var targets = new (string Name, Uri Uri)[]
            {
                ("static copy (baseline)", new Uri(cached.Address, StaticPath)),
                ("page (as shipped)", new Uri(cached.Address, pagePath)),
                ("page, status read each time", new Uri(readEachTime.Address, pagePath)),
                ("page, rendered each time", new Uri(rendered.Address, pagePath)),
                ("page, no cache at all", new Uri(uncached.Address, pagePath)),
            };
            foreach (var (_, uri) in targets)
                await MeasureAsync(client, uri, workers, TimeSpan.FromSeconds(2));
            var results = targets.ToDictionary(t => t.Name, _ => new List<Measure>());
            for (var round = 0; round < rounds; round++)
            {
                foreach (var (name, uri) in targets)
                {
                    var rate = await MeasureAsync(client, uri, workers, TimeSpan.FromSeconds(seconds));
                    results[name].Add(rate);
                    Console.WriteLine($"  round {round + 1}: {name,-28} {rate.PerSecond,8:F0} req/s {rate.CpuMilliseconds,6:F2} ms CPU/request");
                }
            }

            // The page as shipped must really have been served from its blank template, not rendered.
            Console.WriteLine($"pages served from the blank page cache: {cached.Services.GetRequiredService<BlankPageCache>().Served:N0}");
            var baseline = Median(results[targets[0].Name].Select(r => r.PerSecond));
            Console.WriteLine();
            Console.WriteLine("target                       | req/s (median) | of static | of static, per round (median) | CPU ms/request (median, this process)");
            foreach (var (name, _) in targets)
            {
                var median = Median(results[name].Select(r => r.PerSecond));
                // Within a round the targets ran a few seconds apart, under much the same load from the rest of the machine.
                var perRound = Median(results[name].Select((r, round) => r.PerSecond / results[targets[0].Name][round].PerSecond));
                Console.WriteLine($"{name,-28} | {median,14:F0} | {median / baseline,9:P0} | {perRound,29:P0} | {Median(results[name].Select(r => r.CpuMilliseconds)),6:F2}");
            }
        }
        finally
        {
            cluster.Stop();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static HttpClient Client(int workers) => new(new SocketsHttpHandler
    {
        // Like a crowd of first visits: no cookies, so every answer page also issues a fresh antiforgery token.
        UseCookies = false,
        AllowAutoRedirect = false,
        MaxConnectionsPerServer = workers,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    { DefaultRequestHeaders = { { "Accept-Language", "en-GB,en;q=0.8" } } };

    /// <summary>Requests per second that <paramref name="workers"/> clients get, each sending its next request when the last is read.</summary>
    private static async Task<Measure> MeasureAsync(HttpClient client, Uri uri, int workers, TimeSpan duration)
    {
        long completed = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            while (clock.Elapsed < duration)
            {
                using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead);
                if (response.StatusCode != HttpStatusCode.OK)
                    throw new InvalidOperationException($"{uri} answered {(int)response.StatusCode}.");
                await using var body = await response.Content.ReadAsStreamAsync();
                while (await body.ReadAsync(buffer) > 0)
                {
                }
                Interlocked.Increment(ref completed);
            }
        })));
        var elapsed = clock.Elapsed;
        return new Measure(completed / elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / completed);
    }

    /// <summary>Requests per second, and the CPU time this process (server and client) spent per request.</summary>
    private sealed record Measure(double PerSecond, double CpuMilliseconds);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>The app as deployed (Production environment, logging at Warning), on Kestrel on a free loopback port.</summary>
    // Named by a type of the web app's assembly: this console's own top-level Program hides the app's.
    private sealed class BenchApp(string connectionString, bool questionnaires, bool linkStates, bool blankPages, string staticFile) : WebApplicationFactory<ConsultationDbContext>
    {
        public Uri Address { get; private set; } = null!;

        public void Start()
        {
            UseKestrel(0);
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseContentRoot(WebProject.Folder());
            builder.UseSetting("ConnectionStrings:Consultation", connectionString);
            builder.UseSetting("Demo:Seed", "false");
            // Background jobs are not what is measured; their polling would only add noise to every figure.
            builder.UseSetting("Jobs:Server", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Respondents:CacheQuestionnaires", questionnaires ? "true" : "false");
            builder.UseSetting("Respondents:CacheLinkStates", linkStates ? "true" : "false");
            builder.UseSetting("Respondents:CacheBlankPages", blankPages ? "true" : "false");
            builder.UseSetting("urls", "http://127.0.0.1:0");
            // Production has no built-in key for personal links: a throwaway one per run.
            builder.UseSetting("InvitationLinks:CurrentKeyId", "bench");
            builder.UseSetting("InvitationLinks:Keys:bench", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new StaticPage(staticFile)));
        }

        public async Task<string> SeedAsync(int questions)
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ConsultationDbContext>();
            var consultation = FortyQuestions.Build("bench-answer-page", questions, DateTimeOffset.UtcNow);
            db.Consultations.Add(consultation);
            await db.SaveChangesAsync();
            return consultation.Slug;
        }
    }

    /// <summary>
    /// Serves the saved HTML file as an endpoint of the app's own routing, added after Program has built its
    /// pipeline: the request passes the same middleware (security headers, localization, status pages,
    /// authentication, authorization) as the answer page, and only the endpoint differs.
    /// </summary>
    private sealed class StaticPage(string file) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            var routes = (IEndpointRouteBuilder)app.Properties["__EndpointRouteBuilder"]!;
            routes.MapGet(StaticPath, () => Results.File(file, "text/html; charset=utf-8")).AllowAnonymous();
        };
    }
}
