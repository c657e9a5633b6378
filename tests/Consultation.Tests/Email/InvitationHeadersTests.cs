namespace Consultation.Tests.Email;

using Consultation.Tests.Jobs;
using Consultation.Tests.Support;
using Consultation.Web;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Consultation.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

/// <summary>An invitation through the outbox and a real SMTP server: replies go to the organisers, and mail clients can unsubscribe in one click.</summary>
[Collection(JobServers.Name)]
public sealed class InvitationHeadersTests
{
    [Fact]
    public async Task AnInvitation_ArrivesWithReplyToAndOneClickListUnsubscribe_ThroughRealSmtp()
    {
        await using var smtp = new TestSmtpServer();
        await using var app = AppFactory.With(smtp.Settings());
        var s = app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var c = Consultation.Create($"hdr-{Guid.NewGuid():N}"[..20], "en", ["en", "fr"], AccessMode.InvitedOnly, false, 10, app.Clock.GetUtcNow());
        c.SetText(ElementKey.Consultation, TextField.Title, "en", "Water for everyone");
        c.UseContactEmail("team@consult.example.org");
        EmailDefaults.Adopt(c, s);
        var links = new EmailLinks("https://consult.example.org/r/abc", "https://consult.example.org/opt-out/abc", "https://consult.example.org/decline/abc");
        var email = InvitationEmail.Render(c, new EmailRecipient("Camille Martin", "fr", "Europe/Paris"), links, s)
            .Queue(InvitationEmail.Key(Guid.NewGuid()), "camille@example.org", app.Clock.GetUtcNow());
        await app.WithDbAsync(async db => { db.OutboundEmails.Add(email); await db.SaveChangesAsync(); });

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DeliverEmailsJob>().RunAsync(CancellationToken.None);

        var message = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal("team@consult.example.org", Assert.Single(message.ReplyTo.Mailboxes).Address);
        Assert.Equal("<https://consult.example.org/opt-out/abc>", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.StartsWith("Invitation : ", message.Subject, StringComparison.Ordinal);
        Assert.Contains("Bonjour Camille Martin", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://consult.example.org/r/abc\">", message.HtmlBody, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.OutboundEmails.AsNoTracking().SingleAsync(e => e.Id == email.Id));
        Assert.Equal(EmailStatus.Sent, stored.Status);
    }

    [Fact]
    public async Task AnEmailWithoutThoseHeaders_ArrivesWithoutThem()
    {
        await using var smtp = new TestSmtpServer();
        await using var app = AppFactory.With(smtp.Settings());
        await DeliverEmailsJobTests.QueueAsync(app, "plain@example.org");

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DeliverEmailsJob>().RunAsync(CancellationToken.None);

        var message = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Empty(message.ReplyTo);
        Assert.Null(message.Headers["List-Unsubscribe"]);
        Assert.Null(message.Headers["List-Unsubscribe-Post"]);
    }
}
