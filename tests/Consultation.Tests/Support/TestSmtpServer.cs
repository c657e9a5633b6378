namespace Consultation.Tests.Support;

using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpHost = SmtpServer.SmtpServer;
using SmtpServices = SmtpServer.ComponentModel.ServiceProvider;

/// <summary>
/// A real SMTP server in the test process (the SmtpServer package) that keeps what it receives and can be told
/// to refuse: some deliveries with a 4xx, some recipients with a 550, or every login.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly SmtpHost _server;
    private readonly Task _running;
    private int _transientFailuresLeft;

    public TestSmtpServer(string? requiredPassword = null, int transientFailures = 0, params string[] refusedRecipients)
    {
        _transientFailuresLeft = transientFailures;
        RefusedRecipients = [.. refusedRecipients];
        Port = Consultation.Web.Infrastructure.LoopbackPort.Free();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("test-smtp")
            .Endpoint(e =>
            {
                e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port));
                if (requiredPassword is not null)
                    e.AuthenticationRequired().AllowUnsecureAuthentication();
            })
            .Build();
        var services = new SmtpServices();
        services.Add(new Consultation.Web.Email.NoDelayListener());
        services.Add(new Store(this));
        services.Add(new Filter(this));
        services.Add(new Authenticator(requiredPassword));
        _server = new SmtpHost(options, services);
        _running = _server.StartAsync(CancellationToken.None);
    }

    public int Port { get; }
    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>The envelope of each message received (MAIL FROM and RCPT TO), which the message's headers do not show.</summary>
    public ConcurrentQueue<Envelope> Envelopes { get; } = new();

    public sealed record Envelope(string? MessageId, string From, IReadOnlyList<string> To);
    public HashSet<string> RefusedRecipients { get; }

    /// <summary>The settings that point the app at this server.</summary>
    public Dictionary<string, string?> Settings(string? password = null) => new()
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Username"] = password is null ? null : "consultation",
        ["Email:Smtp:Password"] = password,
        ["Email:InProcessServer"] = "false",
    };

    /// <summary>Waits until at least <paramref name="count"/> messages arrived, then a little longer to see that no more come.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan? timeout = null, TimeSpan? settle = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (Received.Count < count && DateTime.UtcNow < until)
            await Task.Delay(100);
        await Task.Delay(settle ?? TimeSpan.FromSeconds(1));
        return [.. Received];
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await Task.WhenAny(_server.ShutdownTask, Task.Delay(TimeSpan.FromSeconds(5)));
        _ = _running;
    }


    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref owner._transientFailuresLeft) >= 0)
                return new SmtpResponse(SmtpReplyCode.InsufficientStorage, "Try again later");
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            owner.Envelopes.Enqueue(new Envelope(message.MessageId, transaction.From?.AsAddress() ?? "", [.. transaction.To.Select(t => t.AsAddress())]));
            owner.Received.Enqueue(message);
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(TestSmtpServer owner) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!owner.RefusedRecipients.Contains(to.AsAddress()));
    }

    private sealed class Authenticator(string? password) : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string user, string given, CancellationToken cancellationToken) =>
            Task.FromResult(password is null || given == password);
    }
}
