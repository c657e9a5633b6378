namespace Consultation.Tests.Email;

using Consultation.Tests.Jobs;
using Consultation.Tests.Pages.Respond;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Consultation.Web.Jobs;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

/// <summary>
/// Bounces that come back after the server accepted a message: an invitation leaves through a real SMTP server with its own
/// return path, and a delivery status notification, built as a mail server builds one, reaches the app's own SMTP server,
/// from where the recurring job reads it.
/// </summary>
[Collection(JobServers.Name)]
public sealed class BounceTests
{
    private const string Domain = "consultation.example";

    [Fact]
    public async Task InvitationEmail_InTheDemo_LeavesWithAReturnPathNamingItsMessage()
    {
        await using var world = await World.StartAsync();
        var sent = await world.SendInvitationAsync();

        var envelope = world.Smtp.Envelopes.Single(e => e.MessageId == SmtpSender.MessageId(sent.IdempotencyKey, Domain));
        Assert.Equal($"bounces+{sent.Id:N}@{Domain}", envelope.From);
        Assert.Equal([sent.Recipient], envelope.To);
        // The headers still say who it is from: the return path is the envelope's alone.
        Assert.Equal($"no-reply@{Domain}", world.Smtp.Received.Single(m => m.MessageId == envelope.MessageId).From.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task WithoutABounceAddress_OutsideTheDemo_TheEnvelopeSenderIsTheFromAddress()
    {
        await using var smtp = new TestSmtpServer();
        await using var app = AppFactory.With(smtp.Settings());
        var id = await DeliverEmailsJobTests.QueueAsync(app, "reader@example.org");

        await RunAsync<DeliverEmailsJob>(app, job => job.RunAsync(CancellationToken.None));

        Assert.Equal($"no-reply@{Domain}", Assert.Single(smtp.Envelopes).From);
        Assert.Equal(EmailStatus.Sent, (await app.WithDbAsync(db => db.OutboundEmails.SingleAsync(e => e.Id == id))).Status);
    }

    [Fact]
    public async Task FailedDsn_ToTheReturnPath_MarksTheEmailAndTheInvitationFailed_WithTheDiagnostic()
    {
        await using var world = await World.StartAsync();
        var sent = await world.SendInvitationAsync();
        Assert.Equal(InvitationStatus.Sent, (await world.InvitationAsync()).Status);

        await world.BounceAsync(Dsn(sent, "failed", "5.1.1", "smtp; 550 5.1.1 <person@example.org>: Recipient address rejected: User unknown"));
        await world.ReadBouncesAsync();

        var email = await world.EmailAsync(sent.Id);
        Assert.Equal(EmailStatus.Failed, email.Status);
        Assert.Equal("The message bounced: 5.1.1 smtp; 550 5.1.1 <person@example.org>: Recipient address rejected: User unknown", email.LastError);
        var invitation = await world.InvitationAsync();
        Assert.Equal(InvitationStatus.Failed, invitation.Status);
        Assert.Equal(email.LastError, invitation.DeliveryError);
        // The bounce stays in the demo's mailbox, for whoever wants to see it.
        Assert.Equal(1, await world.App.WithDbAsync(db => db.ReceivedEmails.CountAsync(e => e.To.Contains("bounces+"))));
    }

    [Fact]
    public async Task DelayedDsn_ChangesNothing()
    {
        await using var world = await World.StartAsync();
        var sent = await world.SendInvitationAsync();

        await world.BounceAsync(Dsn(sent, "delayed", "4.4.1", "smtp; 451 4.4.1 Try again later"));
        await world.ReadBouncesAsync();

        Assert.Equal(EmailStatus.Sent, (await world.EmailAsync(sent.Id)).Status);
        var invitation = await world.InvitationAsync();
        Assert.Equal(InvitationStatus.Sent, invitation.Status);
        Assert.Null(invitation.DeliveryError);
    }

    [Fact]
    public async Task SameDsnTwice_AndTheJobRunAgain_ChangeNothingMore()
    {
        await using var world = await World.StartAsync();
        var sent = await world.SendInvitationAsync();
        var dsn = Dsn(sent, "failed", "5.2.1", "smtp; 550 5.2.1 Mailbox disabled");
        await world.BounceAsync(dsn);
        await world.ReadBouncesAsync();
        var failed = await world.EmailAsync(sent.Id);
        // Since then a later email to the invitation went through: an old bounce, read again, must not fail it.
        await world.App.WithDbAsync(async db =>
        {
            (await db.Invitations.SingleAsync(i => i.Id == world.Invited!.InvitationId)).Delivered(world.App.Clock.GetUtcNow().AddMinutes(5));
            await db.SaveChangesAsync();
        });

        await world.BounceAsync(dsn);
        await world.ReadBouncesAsync();
        await world.ReadBouncesAsync();

        var again = await world.EmailAsync(sent.Id);
        Assert.Equal(EmailStatus.Failed, again.Status);
        Assert.Equal(failed.LastError, again.LastError);
        Assert.Equal(failed.Attempts, again.Attempts);
        Assert.Equal(InvitationStatus.Sent, (await world.InvitationAsync()).Status);
        Assert.Equal(2, await world.App.WithDbAsync(db => db.ReceivedEmails.CountAsync(e => e.To.Contains("bounces+"))));
    }

    [Fact]
    public async Task DsnForAnUnknownToken_IsIgnored_AndLogsNoAddressOrToken()
    {
        await using var world = await World.StartAsync(logged: true);
        var sent = await world.SendInvitationAsync();
        var unknown = Guid.NewGuid();
        var returnPath = $"bounces+{unknown:N}@{Domain}";

        await world.BounceAsync(Dsn(sent, "failed", "5.1.1", "smtp; 550 5.1.1 User unknown", returnPath));
        await world.ReadBouncesAsync();

        Assert.Equal(EmailStatus.Sent, (await world.EmailAsync(sent.Id)).Status);
        Assert.Equal(InvitationStatus.Sent, (await world.InvitationAsync()).Status);
        var lines = world.LogLines.ToList();
        Assert.Contains(lines, l => l.Contains("A bounce names no message in the outbox", StringComparison.Ordinal));
        foreach (var secret in new[] { unknown.ToString("N"), sent.Id.ToString("N"), sent.Recipient, "bounces+" })
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task PlainBounce_FromTheMailSystem_FailsTheEmail_ButAnOutOfOfficeReplyToTheReturnPathDoesNot()
    {
        await using var world = await World.StartAsync();
        var sent = await world.SendInvitationAsync();
        var returnPath = $"bounces+{sent.Id:N}@{Domain}";
        var reply = new MimeMessage { Subject = "Out of office", Body = new TextPart("plain") { Text = "I am away until Monday." } };
        reply.From.Add(MailboxAddress.Parse(sent.Recipient));
        reply.To.Add(MailboxAddress.Parse(returnPath));
        reply.Headers.Add("Auto-Submitted", "auto-replied");

        await world.BounceAsync(reply);
        await world.ReadBouncesAsync();
        Assert.Equal(EmailStatus.Sent, (await world.EmailAsync(sent.Id)).Status);

        var bounce = new MimeMessage
        {
            Subject = "failure notice",
            Body = new TextPart("plain") { Text = "Hi. This is the qmail-send program.\nI'm afraid I wasn't able to deliver your message.\n\n<person@example.org>:\nSorry, no mailbox here by that name. (#5.1.1)" },
        };
        bounce.From.Add(new MailboxAddress("", "MAILER-DAEMON@mx.example.org"));
        bounce.To.Add(MailboxAddress.Parse(returnPath));
        await world.BounceAsync(bounce);
        await world.ReadBouncesAsync();

        var email = await world.EmailAsync(sent.Id);
        Assert.Equal(EmailStatus.Failed, email.Status);
        Assert.StartsWith("The message bounced: Hi. This is the qmail-send program.", email.LastError, StringComparison.Ordinal);
        Assert.Contains("no mailbox here by that name", (await world.InvitationAsync()).DeliveryError, StringComparison.Ordinal);
    }

    /// <summary>
    /// A delivery status notification as a mail server writes one (RFC 3464): a multipart/report with a note for people, the
    /// status fields, and the headers of the message that bounced; sent to the message's return path.
    /// </summary>
    internal static MimeMessage Dsn(OutboundEmail sent, string action, string status, string diagnostic, string? returnPath = null)
    {
        var fields = new MessageDeliveryStatus();
        var aboutReport = new HeaderList { { "Reporting-MTA", "dns; mx.example.org" }, { "Arrival-Date", DateTimeOffset.UtcNow.ToString("R") } };
        var aboutRecipient = new HeaderList
        {
            { "Final-Recipient", $"rfc822; {sent.Recipient}" },
            { "Action", action },
            { "Status", status },
            { "Remote-MTA", "dns; mail.example.org" },
            { "Diagnostic-Code", diagnostic },
        };
        fields.StatusGroups.Add(aboutReport);
        fields.StatusGroups.Add(aboutRecipient);
        var report = new MultipartReport("delivery-status")
        {
            new TextPart("plain") { Text = "This is the mail system at host mx.example.org.\n\nI'm sorry to have to inform you that your message could not be delivered." },
            fields,
            new TextRfc822Headers { Message = Headers(sent) },
        };
        var message = new MimeMessage { Subject = "Undelivered Mail Returned to Sender", Body = report };
        message.From.Add(new MailboxAddress("Mail Delivery System", "MAILER-DAEMON@mx.example.org"));
        message.To.Add(MailboxAddress.Parse(returnPath ?? $"bounces+{sent.Id:N}@{Domain}"));
        message.Headers.Add("Auto-Submitted", "auto-replied");
        return message;
    }

    /// <summary>The headers of the message that bounced, which a report carries back.</summary>
    private static MimeMessage Headers(OutboundEmail sent)
    {
        var headers = new MimeMessage { MessageId = SmtpSender.MessageId(sent.IdempotencyKey, Domain), Subject = sent.Subject };
        headers.From.Add(new MailboxAddress("", $"no-reply@{Domain}"));
        headers.To.Add(MailboxAddress.Parse(sent.Recipient));
        return headers;
    }

    private static async Task RunAsync<TJob>(AppFactory app, Func<TJob, Task> run) where TJob : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        await run(scope.ServiceProvider.GetRequiredService<TJob>());
    }

    /// <summary>
    /// The demo's setting: the app runs its own SMTP server (so its bounce address defaults to bounces@ the From domain) and
    /// sends through a test SMTP server, which records each envelope.
    /// </summary>
    private sealed class World(TestSmtpServer smtp, AppFactory app) : IAsyncDisposable
    {
        public TestSmtpServer Smtp { get; } = smtp;
        public AppFactory App { get; } = app;
        public InvitedConsultations.Invited? Invited { get; private set; }
        public IEnumerable<string> LogLines => (App as InvitationLinkTests.LoggedApp)?.LogLines ?? [];

        public static Task<World> StartAsync(bool logged = false)
        {
            var smtp = new TestSmtpServer();
            var settings = new Dictionary<string, string?>(smtp.Settings()) { ["Email:InProcessServer"] = "true" };
            AppFactory app;
            if (logged)
            {
                var loggedApp = new InvitationLinkTests.LoggedApp();
                foreach (var (key, value) in settings)
                    loggedApp.Settings[key] = value;
                app = loggedApp;
            }
            else
                app = AppFactory.With(settings);
            _ = app.Services;
            return Task.FromResult(new World(smtp, app));
        }

        /// <summary>Invites one person, queues and delivers the invitation email; the outbox row as sent.</summary>
        public async Task<OutboundEmail> SendInvitationAsync()
        {
            Invited = await App.InviteAsync(anonymous: false);
            await App.WithDbAsync(db => InvitationMailing.QueueWaitingAsync(db, Invited.ConsultationId, App.Clock.GetUtcNow(), CancellationToken.None));
            await RunAsync<DeliverEmailsJob>(App, job => job.RunAsync(CancellationToken.None));
            var sent = await App.WithDbAsync(db => db.OutboundEmails.AsNoTracking().SingleAsync(e => e.InvitationId == Invited.InvitationId));
            Assert.Equal(EmailStatus.Sent, sent.Status);
            return sent;
        }

        /// <summary>Sends <paramref name="message"/> to the app's own SMTP server, to the addresses in its To.</summary>
        public async Task BounceAsync(MimeMessage message)
        {
            using var client = new SmtpClient();
            await client.ConnectAsync("127.0.0.1", App.Services.GetRequiredService<InProcessSmtpServer>().Port, MailKit.Security.SecureSocketOptions.None);
            await client.SendAsync(message, new MailboxAddress("", "MAILER-DAEMON@mx.example.org"), message.To.Mailboxes);
            await client.DisconnectAsync(quit: true);
        }

        /// <summary>Runs the recurring job once the messages received so far have settled.</summary>
        public async Task ReadBouncesAsync()
        {
            App.Clock.Advance(ReadBouncesJob.Settle + TimeSpan.FromSeconds(1));
            await RunAsync<ReadBouncesJob>(App, job => job.RunAsync(CancellationToken.None));
        }

        public Task<OutboundEmail> EmailAsync(Guid id) => App.WithDbAsync(db => db.OutboundEmails.AsNoTracking().SingleAsync(e => e.Id == id));

        public Task<Invitation> InvitationAsync() =>
            App.WithDbAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Id == Invited!.InvitationId));

        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            await Smtp.DisposeAsync();
        }
    }
}
