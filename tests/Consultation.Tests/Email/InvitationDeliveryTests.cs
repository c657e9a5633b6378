namespace Consultation.Tests.Email;

using Consultation.Tests.Jobs;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Consultation.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Invitation emails written at delivery through a real SMTP server: each person gets one, in their language, with a link
/// that opens; the outbox keeps no link; what became of the email is written back to the invitation.
/// </summary>
[Collection(JobServers.Name)]
public sealed class InvitationDeliveryTests
{
    [Fact]
    public async Task ANamedInvitation_ArrivesOnceInFrench_WithItsDerivedLink_AndTheOutboxKeepsNoLink()
    {
        await using var smtp = new TestSmtpServer();
        await using var app = AppFactory.With(smtp.Settings());
        var invited = await app.InviteAsync(anonymous: false, language: "fr");

        Assert.Equal(1, await QueueAsync(app, invited.ConsultationId));
        Assert.Equal(0, await QueueAsync(app, invited.ConsultationId));
        await DeliverAsync(app);

        var message = Assert.Single(await smtp.WaitForAsync(1, settle: TimeSpan.FromMilliseconds(300)));
        Assert.StartsWith("Invitation : ", message.Subject, StringComparison.Ordinal);
        Assert.Contains(invited.Link, message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{invited.Link}\">", message.HtmlBody, StringComparison.Ordinal);
        var page = await app.Respondent("fr").GetAsync(invited.Path);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);

        var invitation = await InvitationAsync(app, invited.InvitationId);
        Assert.Equal(InvitationStatus.Opened, invitation.Status);
        // PostgreSQL keeps microseconds; the clock has ticks of 100 ns.
        Assert.Equal(app.Clock.GetUtcNow().Ticks / 10, invitation.SentAt!.Value.Ticks / 10);
        var row = await app.WithDbAsync(db => db.OutboundEmails.AsNoTracking().SingleAsync(e => e.InvitationId == invited.InvitationId));
        Assert.Equal(EmailStatus.Sent, row.Status);
        Assert.Equal(message.Subject, row.Subject);
        await AssertNoLinkInTheOutboxAsync(app);
    }

    [Fact]
    public async Task AnAnonymousInvitation_GetsAFreshLinkAsItIsSent_WhichOpens_AndTheOutboxKeepsNoLink()
    {
        await using var smtp = new TestSmtpServer();
        await using var app = AppFactory.With(smtp.Settings());
        var invited = await app.InviteAsync(anonymous: true);

        await QueueAsync(app, invited.ConsultationId);
        await DeliverAsync(app);

        var message = Assert.Single(await smtp.WaitForAsync(1));
        var link = System.Text.RegularExpressions.Regex.Match(message.TextBody ?? "", @"https?://\S+/r/[A-Za-z0-9_-]+(?=\s)").Value;
        Assert.NotEqual("", link);
        Assert.NotEqual(invited.Link, link);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.Respondent().GetAsync(new Uri(link).AbsolutePath)).StatusCode);
        Assert.Equal(2, (await InvitationAsync(app, invited.InvitationId)).Links.Count);
        await AssertNoLinkInTheOutboxAsync(app);
    }

    [Fact]
    public async Task APersonWhoOptedOutBeforeTheEmailLeft_GetsNothing_AndTheEmailIsCancelledWithTheReason()
    {
        await using var smtp = new TestSmtpServer();
        await using var app = AppFactory.With(smtp.Settings());
        var invited = await app.InviteAsync(anonymous: false);
        await QueueAsync(app, invited.ConsultationId);
        await app.WithDbAsync(async db =>
        {
            (await db.Invitations.SingleAsync(i => i.Id == invited.InvitationId)).OptOut(app.Clock.GetUtcNow(), anonymously: false);
            await db.SaveChangesAsync();
        });

        await DeliverAsync(app);

        Assert.Empty(await smtp.WaitForAsync(1, timeout: TimeSpan.FromMilliseconds(500)));
        var row = await app.WithDbAsync(db => db.OutboundEmails.AsNoTracking().SingleAsync(e => e.InvitationId == invited.InvitationId));
        Assert.Equal(EmailStatus.Cancelled, row.Status);
        Assert.Contains("opted out", row.LastError, StringComparison.Ordinal);
        Assert.Equal(InvitationStatus.Pending, (await InvitationAsync(app, invited.InvitationId)).Status);
    }

    [Fact]
    public async Task AnAddressTheServerRefuses_MarksTheInvitationFailed_WithTheServersReason()
    {
        await using var smtp = new TestSmtpServer();
        await using var app = AppFactory.With(smtp.Settings());
        var invited = await app.InviteAsync(anonymous: false);
        var address = await app.WithDbAsync(db => db.Invitations.Where(i => i.Id == invited.InvitationId)
            .Join(db.Stakeholders, i => i.StakeholderId, s => s.Id, (i, s) => s.Email).SingleAsync());
        smtp.RefusedRecipients.Add(address);
        await QueueAsync(app, invited.ConsultationId);

        await DeliverAsync(app);

        var invitation = await InvitationAsync(app, invited.InvitationId);
        Assert.Equal(InvitationStatus.Failed, invitation.Status);
        Assert.Contains("550", invitation.DeliveryError, StringComparison.Ordinal);
        Assert.Null(invitation.SentAt);
    }

    [Fact]
    public async Task InvitationsToAConsultationNotOpenYet_Wait_AndGoOutWhenTheScheduleOpensIt()
    {
        await using var smtp = new TestSmtpServer();
        await using var app = AppFactory.With(smtp.Settings());
        var invited = await app.InviteAsync(anonymous: false);
        await app.WithDbAsync(async db =>
        {
            var consultation = await db.Consultations.SingleAsync(c => c.Id == invited.ConsultationId);
            consultation.Schedule(app.Clock.GetUtcNow().AddHours(1), app.Clock.GetUtcNow().AddDays(7), app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });
        Assert.Equal(ConsultationStatus.Scheduled, await app.WithDbAsync(db => db.Consultations.Where(c => c.Id == invited.ConsultationId).Select(c => c.Status).SingleAsync()));

        Assert.Equal(0, await QueueAsync(app, invited.ConsultationId));
        await RunAsync<OpenAndCloseConsultationsJob>(app, j => j.RunAsync(CancellationToken.None));
        Assert.False(await app.WithDbAsync(db => db.OutboundEmails.AnyAsync(e => e.InvitationId == invited.InvitationId)));

        app.Clock.Advance(TimeSpan.FromHours(1));
        await RunAsync<OpenAndCloseConsultationsJob>(app, j => j.RunAsync(CancellationToken.None));
        await RunAsync<OpenAndCloseConsultationsJob>(app, j => j.RunAsync(CancellationToken.None));
        await DeliverAsync(app);

        Assert.Single(await smtp.WaitForAsync(1, settle: TimeSpan.FromMilliseconds(300)));
        Assert.Equal(InvitationStatus.Sent, (await InvitationAsync(app, invited.InvitationId)).Status);
    }

    internal static Task<int> QueueAsync(AppFactory app, Guid consultationId) =>
        app.WithDbAsync(db => InvitationMailing.QueueWaitingAsync(db, consultationId, app.Clock.GetUtcNow(), CancellationToken.None));

    internal static Task DeliverAsync(AppFactory app) => RunAsync<DeliverEmailsJob>(app, j => j.RunAsync(CancellationToken.None));

    private static async Task RunAsync<TJob>(AppFactory app, Func<TJob, Task> run) where TJob : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        await run(scope.ServiceProvider.GetRequiredService<TJob>());
    }

    private static Task<Invitation> InvitationAsync(AppFactory app, Guid id) =>
        app.WithDbAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Id == id));

    /// <summary>ADR 0018: no personal link in any column of any outbox row once its email is sent.</summary>
    internal static async Task AssertNoLinkInTheOutboxAsync(AppFactory app)
    {
        var rows = await app.WithDbAsync(db => db.Database.SqlQuery<string>($"SELECT row_to_json(e)::text AS \"Value\" FROM outbound_emails e").ToListAsync());
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.DoesNotContain("/r/", row, StringComparison.Ordinal));
    }
}
