namespace Consultation.Tests.Jobs;

using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Demo;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Consultation.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The delivery job against a real SMTP server in the test process, called directly for its logic.</summary>
[Collection(JobServers.Name)]
public sealed class DeliverEmailsJobTests
{
    [Fact]
    public async Task ServerAnswering4xxThenAccepting_GetsTheMessageOnce_AfterABackoff()
    {
        await using var smtp = new TestSmtpServer(transientFailures: 1);
        await using var app = AppFactory.With(smtp.Settings());
        var id = await QueueAsync(app, "once@example.org");

        await RunJobAsync(app);
        var afterFirst = await EmailAsync(app, id);
        Assert.Equal(EmailStatus.Queued, afterFirst.Status);
        Assert.Equal(1, afterFirst.Attempts);
        Assert.Contains("452", afterFirst.LastError, StringComparison.Ordinal);
        await RunJobAsync(app);
        Assert.Empty(smtp.Received);

        app.Clock.Advance(TimeSpan.FromSeconds(31));
        await RunJobAsync(app);
        await RunJobAsync(app);

        Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal(EmailStatus.Sent, (await EmailAsync(app, id)).Status);
    }

    [Fact]
    public async Task RecipientRefusedWith5xx_FailsOnlyThatMessage()
    {
        await using var smtp = new TestSmtpServer(refusedRecipients: "bounce@example.org");
        await using var app = AppFactory.With(smtp.Settings());
        var refused = await QueueAsync(app, "bounce@example.org");
        var accepted = await QueueAsync(app, "reader@example.org");

        await RunJobAsync(app);

        var failed = await EmailAsync(app, refused);
        Assert.Equal(EmailStatus.Failed, failed.Status);
        Assert.Contains("550", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(EmailStatus.Sent, (await EmailAsync(app, accepted)).Status);
        Assert.Equal("reader@example.org", Assert.Single(await smtp.WaitForAsync(1)).To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task AuthenticationRefused_PausesDelivery_FailsNothing_AndAlertsAdmins()
    {
        await using var smtp = new TestSmtpServer(requiredPassword: "the right one");
        await using var app = AppFactory.With(smtp.Settings(password: "a wrong one"));
        var first = await QueueAsync(app, "a@example.org");
        var second = await QueueAsync(app, "b@example.org");

        await RunJobAsync(app);

        Assert.All(new[] { await EmailAsync(app, first), await EmailAsync(app, second) }, e =>
        {
            Assert.Equal(EmailStatus.Queued, e.Status);
            Assert.Equal(0, e.Attempts);
        });
        Assert.Empty(smtp.Received);
        var admin = await app.SignedInAsync(DemoSeeder.AdminEmail);
        var start = await admin.GetPageAsync("/staff");
        Assert.Contains(Localized.Text("en", "Email delivery is paused."), start.Body!.TextContent, StringComparison.Ordinal);
        var mailbox = await admin.GetPageAsync("/admin/mailbox");
        Assert.Contains("535", mailbox.Text("[data-delivery-paused]"), StringComparison.Ordinal);

        var resumed = await admin.SubmitAsync(mailbox, formSelector: "[data-delivery-paused] form", pagePath: "/admin/mailbox");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, resumed.StatusCode);
        Assert.Null(await app.WithDbAsync(db => new DeliveryPause(db).GetAsync()));
    }

    [Fact]
    public async Task SentMessage_CarryingAnswers_KeepsNoBody_AndHasAMessageIdFromItsKey()
    {
        await using var smtp = new TestSmtpServer();
        await using var app = AppFactory.With(smtp.Settings());
        var id = await QueueAsync(app, "reader@example.org", carriesAnswers: true);

        await RunJobAsync(app);

        var message = Assert.Single(await smtp.WaitForAsync(1));
        var sent = await EmailAsync(app, id);
        Assert.Null(sent.TextBody);
        Assert.Null(sent.HtmlBody);
        Assert.Equal(SmtpSender.MessageId(sent.IdempotencyKey, "consultation.example"), message.MessageId);
        Assert.Equal("fr", message.Body!.Headers[MimeKit.HeaderId.ContentLanguage]);
        Assert.Contains("Bonjour", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>Bonjour</p>", message.HtmlBody, StringComparison.Ordinal);
    }

    internal static async Task<Guid> QueueAsync(AppFactory app, string recipient, bool carriesAnswers = false)
    {
        var email = OutboundEmail.Queue($"test:{Guid.NewGuid()}", EmailKind.Receipt, recipient, "fr", "Objet", "Bonjour",
            "<!DOCTYPE html><html lang=\"fr\"><body><p>Bonjour</p></body></html>", carriesAnswers, app.Clock.GetUtcNow());
        await app.WithDbAsync(async db => { db.OutboundEmails.Add(email); await db.SaveChangesAsync(); });
        return email.Id;
    }

    private static async Task RunJobAsync(AppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeliverEmailsJob>().RunAsync(CancellationToken.None);
    }

    private static Task<OutboundEmail> EmailAsync(AppFactory app, Guid id) =>
        app.WithDbAsync(db => db.OutboundEmails.AsNoTracking().SingleAsync(e => e.Id == id));
}
