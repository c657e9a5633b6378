namespace Consultation.Web.Email;

using System.Buffers;
using System.Net;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpHost = SmtpServer.SmtpServer;
using SmtpServices = SmtpServer.ComponentModel.ServiceProvider;

/// <summary>
/// The demo's mail server: an SMTP server on a free loopback port that stores what it receives in the
/// database, so the demo's mail takes the same delivery path as production and every node's mailbox page
/// shows the same messages.
/// </summary>
public sealed class InProcessSmtpServer(IServiceScopeFactory scopes, ILogger<InProcessSmtpServer> logger) : IHostedService
{
    private SmtpHost? _server;
    private Task? _running;

    public int Port { get; } = Infrastructure.LoopbackPort.Free();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServices();
        services.Add(new NoDelayListener());
        services.Add(new DatabaseStore(scopes));
        _server = new SmtpHost(options, services);
        // StartAsync completes only when the server stops: keep the task, stop with Shutdown().
        _running = _server.StartAsync(CancellationToken.None);
        logger.LogInformation("The in-process SMTP server listens on 127.0.0.1:{Port}.", Port);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is null)
            return;
        _server.Shutdown();
        await Task.WhenAny(_server.ShutdownTask, Task.Delay(TimeSpan.FromSeconds(5), cancellationToken));
        if (_running is { IsFaulted: true } failed)
            logger.LogWarning(failed.Exception, "The in-process SMTP server stopped with an error.");
    }


    private sealed class DatabaseStore(IServiceScopeFactory scopes) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            stream.Position = 0;
            using var reader = new StreamReader(stream);
            var raw = await reader.ReadToEndAsync(cancellationToken);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ConsultationDbContext>();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
            db.ReceivedEmails.Add(ReceivedEmail.Record(message.MessageId, transaction.From?.AsAddress() ?? "",
                string.Join(", ", transaction.To.Select(t => t.AsAddress())), message.Subject ?? "", raw, now));
            await db.SaveChangesAsync(cancellationToken);
            return SmtpResponse.Ok;
        }
    }
}
