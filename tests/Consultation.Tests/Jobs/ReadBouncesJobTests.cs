namespace Consultation.Tests.Jobs;

using Consultation.Tests.Email;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Consultation.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

/// <summary>
/// Production's bounces: an invitation leaves through a real SMTP server with its own return path, and the bounce comes back
/// to a real IMAP mailbox (a private Dovecot) that the recurring job reads.
/// </summary>
[Collection(JobServers.Name)]
public sealed class ReadBouncesJobTests
{
    private const string BounceAddress = "bounces@consultation.example";

    [Fact]
    public async Task FailedDsn_InTheBounceMailbox_FailsTheInvitation_AndEveryMessageReadIsMarkedSeen()
    {
        await using var imap = await TestImapServer.StartAsync();
        await using var smtp = new TestSmtpServer();
        await using var app = AppFactory.With(Settings(smtp, imap.Settings()));
        var (invited, sent) = await SendInvitationAsync(app);
        var returnPath = $"bounces+{sent.Id:N}@consultation.example";
        Assert.Equal(returnPath, Assert.Single(smtp.Envelopes).From);

        // As a mailbox gets them: the delivering server names the envelope's recipient in Delivered-To.
        var dsn = BounceTests.Dsn(sent, "failed", "5.1.1", "smtp; 550 5.1.1 User unknown");
        dsn.Headers.Add("Delivered-To", returnPath);
        var delayed = BounceTests.Dsn(sent, "delayed", "4.4.1", "smtp; 451 4.4.1 Try later");
        var stray = new MimeMessage { Subject = "Newsletter", Body = new TextPart("plain") { Text = "Not a bounce." } };
        stray.From.Add(MailboxAddress.Parse("news@example.org"));
        stray.To.Add(MailboxAddress.Parse(BounceAddress));
        foreach (var message in new[] { delayed, stray, dsn })
            await imap.DeliverAsync(message);

        await RunAsync(app);

        var email = await app.WithDbAsync(db => db.OutboundEmails.AsNoTracking().SingleAsync(e => e.Id == sent.Id));
        Assert.Equal(EmailStatus.Failed, email.Status);
        Assert.Equal("The message bounced: 5.1.1 smtp; 550 5.1.1 User unknown", email.LastError);
        var invitation = await app.WithDbAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Id == invited.InvitationId));
        Assert.Equal(InvitationStatus.Failed, invitation.Status);
        Assert.Equal(email.LastError, invitation.DeliveryError);
        Assert.Equal((3, 0), await imap.CountAsync());

        await RunAsync(app);
        Assert.Equal((3, 0), await imap.CountAsync());
    }

    [Fact]
    public async Task MailboxRefusingTheLogin_LeavesItsMessagesUnseen_AndTheJobDoesNotFail()
    {
        await using var imap = await TestImapServer.StartAsync();
        await using var smtp = new TestSmtpServer();
        var settings = imap.Settings();
        settings["Email:Bounces:Imap:Password"] = "a wrong one";
        await using var app = AppFactory.With(Settings(smtp, settings));
        var (_, sent) = await SendInvitationAsync(app);
        await imap.DeliverAsync(BounceTests.Dsn(sent, "failed", "5.1.1", "smtp; 550 5.1.1 User unknown"));

        await RunAsync(app);

        Assert.Equal(EmailStatus.Sent, (await app.WithDbAsync(db => db.OutboundEmails.AsNoTracking().SingleAsync(e => e.Id == sent.Id))).Status);
        Assert.Equal((1, 1), await imap.CountAsync());
    }

    private static Dictionary<string, string?> Settings(TestSmtpServer smtp, Dictionary<string, string?> imap)
    {
        var settings = new Dictionary<string, string?>(smtp.Settings()) { ["Email:BounceAddress"] = BounceAddress };
        foreach (var (key, value) in imap)
            settings[key] = value;
        return settings;
    }

    private static async Task<(InvitedConsultations.Invited, OutboundEmail)> SendInvitationAsync(AppFactory app)
    {
        var invited = await app.InviteAsync(anonymous: false);
        await app.WithDbAsync(db => InvitationMailing.QueueWaitingAsync(db, invited.ConsultationId, app.Clock.GetUtcNow(), CancellationToken.None));
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DeliverEmailsJob>().RunAsync(CancellationToken.None);
        var sent = await app.WithDbAsync(db => db.OutboundEmails.AsNoTracking().SingleAsync(e => e.InvitationId == invited.InvitationId));
        Assert.Equal(EmailStatus.Sent, sent.Status);
        return (invited, sent);
    }

    private static async Task RunAsync(AppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReadBouncesJob>().RunAsync(CancellationToken.None);
    }
}
