namespace Consultation.Benchmarks;

using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Consultation.Web.Infrastructure;
using Consultation.Web.Jobs;
using SmtpClient = MailKit.Net.Smtp.SmtpClient;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpHost = SmtpServer.SmtpServer;
using SmtpServices = SmtpServer.ComponentModel.ServiceProvider;

/// <summary>
/// Emails per second of inviting 10,000 people and delivering their invitations (the invite pass, the outbox rows in one
/// statement, then the delivery job: claim, write each email with its derived link, send, record) into an SMTP server in
/// this process, against a bare MailKit loop sending the same 10,000 messages, already written, over one connection to
/// the same server: the ceiling. Both in the same run, interleaved, on a throwaway cluster.
/// </summary>
internal static class InvitationDeliveryBenchmark
{
    // Usage: invitation-delivery [people=10000] [rounds=3]
    public static async Task RunAsync(string[] args)
    {
        int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
        var people = Arg(0, 10_000);
        var rounds = Arg(1, 3);
        var folder = Path.Combine(Path.GetTempPath(), "consultation-bench-" + Environment.ProcessId);
        using var cluster = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = folder, ForTests = true });
        var smtp = new CountingSmtpServer();
        try
        {
            await using var app = new BenchApp(cluster.ConnectionString(), smtp.Port);
            var consultationId = await SeedAsync(app, people);
            var writers = await WritersAsync(app, consultationId);
            var messages = writers.Select(write => write()).ToList();
            Console.WriteLine($"{DateTimeOffset.UtcNow:u}; {Environment.ProcessorCount} cores; .NET {Environment.Version}; load {Load()}; " +
                $"{people:N0} people; {rounds} rounds each, interleaved, after one warm-up of each.");

            var bare = new List<double>();
            var writing = new List<double>();
            var full = new List<double>();
            for (var round = -1; round < rounds; round++)
            {
                var before = smtp.Count;
                var clock = Stopwatch.StartNew();
                await BareLoopAsync(smtp.Port, messages);
                var bareSeconds = clock.Elapsed.TotalSeconds;
                Check(smtp.Count - before, messages.Count, "bare loop");

                before = smtp.Count;
                clock.Restart();
                await BareLoopAsync(smtp.Port, writers.Select(write => write()));
                var writingSeconds = clock.Elapsed.TotalSeconds;
                Check(smtp.Count - before, messages.Count, "loop writing as it sends");

                await using (var scope = app.Services.CreateAsyncScope())
                    await scope.ServiceProvider.GetRequiredService<ConsultationDbContext>().Database
                        .ExecuteSqlRawAsync("DELETE FROM outbound_emails; DELETE FROM invitations;");
                before = smtp.Count;
                clock.Restart();
                var (invited, queued) = await InviteAndDeliverAsync(app, consultationId);
                var fullSeconds = clock.Elapsed.TotalSeconds;
                Check(smtp.Count - before, people, "delivery");
                if (round < 0)
                    continue;
                bare.Add(bareSeconds);
                writing.Add(writingSeconds);
                full.Add(fullSeconds);
                Console.WriteLine($"round {round + 1}: bare loop {bareSeconds:F3} s; writing as it sends {writingSeconds:F3} s; invite {invited:F3} s + queue {queued:F3} s + deliver {fullSeconds - invited - queued:F3} s = {fullSeconds:F3} s");
            }
            var bareRate = people / Median(bare);
            var fullRate = people / Median(full);
            Console.WriteLine("approach                                        | seconds (median) | emails/s (median)");
            Console.WriteLine($"{"bare MailKit loop, messages written (ceiling)",-47} | {Median(bare),16:F3} | {bareRate,17:N0}");
            Console.WriteLine($"{"MailKit loop writing each message as it sends",-47} | {Median(writing),16:F3} | {people / Median(writing),17:N0}");
            Console.WriteLine($"{"invite + queue + deliver (as shipped)",-47} | {Median(full),16:F3} | {fullRate,17:N0}");
            Console.WriteLine($"delivery rate / bare loop rate: {fullRate / bareRate:P0} (goal: at least 50 %); / writing loop rate: {fullRate / (people / Median(writing)):P0}; load {Load()}");
        }
        finally
        {
            await smtp.DisposeAsync();
            cluster.Stop();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Check(int sent, int expected, string what)
    {
        if (sent != expected)
            throw new InvalidOperationException($"The {what} sent {sent} messages, not {expected}.");
    }

    /// <summary>A named consultation in five languages, opened, and a registry of people speaking them.</summary>
    private static async Task<Guid> SeedAsync(BenchApp app, int people)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsultationDbContext>();
        var now = DateTimeOffset.UtcNow;
        string[] languages = ["en", "fr", "ja", "ko", "sw"];
        var consultation = Consultation.Create("bench-invitations", "en", languages, AccessMode.InvitedOnly, false, 15, now);
        foreach (var language in languages)
            consultation.SetText(ElementKey.Consultation, TextField.Title, language, $"AI safety priorities ({language})");
        consultation.AddSection("views").AddQuestion(consultation, "view", QuestionType.LongText, true);
        foreach (var language in languages)
            consultation.SetText(ElementKey.Question("view"), TextField.Label, language, "Your view");
        EmailDefaults.Adopt(consultation, scope.ServiceProvider.GetRequiredService<IStringLocalizer<global::Consultation.Web.SharedResource>>());
        consultation.UseContactEmail("secretariat@example.org");
        consultation.Schedule(null, now.AddDays(30));
        consultation.Publish(now);
        db.Consultations.Add(consultation);
        await db.SaveChangesAsync();
        string[] names = ["佐藤 結衣", "김민준", "Amina Odhiambo", "Zoë Martin", "Sam Taylor"];
        await using var transaction = await db.Database.BeginTransactionAsync();
        await StakeholderCopy.InsertAsync(db, Enumerable.Range(0, people).Select(i => Stakeholder.Create(
            $"{names[i % names.Length]} {i}", $"person-{i}@example.org", $"Organisation {i % 300}", Sector.Academia, "KE",
            languages[i % languages.Length], now)), CancellationToken.None);
        await transaction.CommitAsync();
        return consultation.Id;
    }

    /// <summary>What the invite page's confirmation does, then the delivery job run until the outbox is empty.</summary>
    private static async Task<(double Invited, double Queued)> InviteAndDeliverAsync(BenchApp app, Guid consultationId)
    {
        var clock = Stopwatch.StartNew();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConsultationDbContext>();
            var links = scope.ServiceProvider.GetRequiredService<InvitationLinks>();
            var consultation = await db.Consultations.AsNoTracking().SingleAsync(c => c.Id == consultationId);
            var now = DateTimeOffset.UtcNow;
            var everyone = await db.Stakeholders.AsNoTracking().ToListAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await InvitationCopy.InsertAsync(db, everyone.Select(s => links.Invite(consultation, s, now)).ToList(), CancellationToken.None);
            await transaction.CommitAsync();
        }
        var invited = clock.Elapsed.TotalSeconds;
        await using (var scope = app.Services.CreateAsyncScope())
            await InvitationMailing.QueueWaitingAsync(scope.ServiceProvider.GetRequiredService<ConsultationDbContext>(), consultationId, DateTimeOffset.UtcNow, CancellationToken.None);
        var queued = clock.Elapsed.TotalSeconds - invited;
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DeliverEmailsJob>().RunAsync(CancellationToken.None);
        return (invited, queued);
    }

    /// <summary>The same emails the delivery writes, written beforehand (one per person, in their language, with their link).</summary>
    private static async Task<List<Func<MimeMessage>>> WritersAsync(BenchApp app, Guid consultationId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsultationDbContext>();
        var links = scope.ServiceProvider.GetRequiredService<InvitationLinks>();
        var s = scope.ServiceProvider.GetRequiredService<IStringLocalizer<global::Consultation.Web.SharedResource>>();
        var consultation = await db.Consultations.AsNoTracking().Include(c => c.Texts).SingleAsync(c => c.Id == consultationId);
        var now = DateTimeOffset.UtcNow;
        var writers = new List<Func<MimeMessage>>();
        foreach (var person in await db.Stakeholders.AsNoTracking().ToListAsync())
        {
            var link = links.LinkFor(links.Invite(consultation, person, now))!;
            writers.Add(() => Write(consultation, person, link, s));
        }
        return writers;
    }

    private static MimeMessage Write(Consultation consultation, Stakeholder person, string link, IStringLocalizer s)
    {
        {
            var email = InvitationEmail.Render(consultation, new EmailRecipient(person.Name, person.PreferredLanguage, person.TimeZone),
                InvitationLinks.EmailLinksFor(link), s);
            var message = new MimeMessage { Subject = email.Subject, MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("example.org") };
            message.From.Add(MailboxAddress.Parse("consultation@example.org"));
            message.To.Add(MailboxAddress.Parse(person.Email));
            message.ReplyTo.Add(MailboxAddress.Parse(email.ReplyTo!));
            message.Headers.Add("List-Unsubscribe", $"<{email.UnsubscribeUrl}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            message.Body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody }.ToMessageBody();
            return message;
        }
    }

    private static async Task BareLoopAsync(int port, IEnumerable<MimeMessage> messages)
    {
        using var client = new SmtpClient();
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, port);
        await client.ConnectAsync(socket, "127.0.0.1", port, MailKit.Security.SecureSocketOptions.None);
        foreach (var message in messages)
            await client.SendAsync(message);
        await client.DisconnectAsync(quit: true);
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>An SMTP server in this process that counts what it receives and keeps nothing, for both approaches alike.</summary>
    private sealed class CountingSmtpServer : IAsyncDisposable
    {
        private readonly SmtpHost _server;
        private int _count;

        public CountingSmtpServer()
        {
            Port = LoopbackPort.Free();
            var options = new SmtpServerOptionsBuilder().ServerName("bench-smtp")
                .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
            var services = new SmtpServices();
            services.Add(new NoDelayListener());
            services.Add(new Counter(this));
            _server = new SmtpHost(options, services);
            _ = _server.StartAsync(CancellationToken.None);
        }

        public int Port { get; }

        public int Count => Volatile.Read(ref _count);

        public async ValueTask DisposeAsync()
        {
            _server.Shutdown();
            await Task.WhenAny(_server.ShutdownTask, Task.Delay(TimeSpan.FromSeconds(5)));
        }

        private sealed class Counter(CountingSmtpServer owner) : MessageStore
        {
            public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
                ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref owner._count);
                return Task.FromResult(SmtpResponse.Ok);
            }
        }
    }

    /// <summary>The app as deployed (Production, logging at Warning) without a job server: the job is run here, measured.</summary>
    private sealed class BenchApp(string connectionString, int smtpPort) : WebApplicationFactory<ConsultationDbContext>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseContentRoot(WebProject.Folder());
            builder.UseSetting("ConnectionStrings:Consultation", connectionString);
            builder.UseSetting("Demo:Seed", "false");
            builder.UseSetting("Jobs:Server", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("App:PublicBaseUrl", "https://consult.example.org");
            builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Email:Smtp:Port", smtpPort.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Email:From", "consultation@example.org");
            builder.UseSetting("InvitationLinks:CurrentKeyId", "bench");
            builder.UseSetting("InvitationLinks:Keys:bench", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        }
    }
}
