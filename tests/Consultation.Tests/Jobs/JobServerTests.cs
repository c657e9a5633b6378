namespace Consultation.Tests.Jobs;

using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Consultation.Web.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>Jobs through real Hangfire servers on the test database: what the app's nodes do in production.</summary>
[Collection(JobServers.Name)]
public sealed class JobServerTests
{
    private static readonly Dictionary<string, string?> JobServer = new() { ["Jobs:Server"] = "true" };

    [Fact]
    public async Task PersonalLinkSubmitted_InKorean_SendsOneReceiptInKorean_ThroughTheJobServer()
    {
        await using var smtp = new TestSmtpServer();
        await using var app = AppFactory.With(new Dictionary<string, string?>(smtp.Settings()) { ["Jobs:Server"] = "true" });
        var token = await app.NewInvitationAsync("ko");
        var client = app.Respondent("en-GB");
        var form = await client.GetPageAsync($"/r/{token}/answer");

        await ResponseAssert.RedirectsTo($"/r/{token}/thank-you", await client.CompleteAsync(form, DemoAnswers.Valid()));

        var message = Assert.Single(await smtp.WaitForAsync(1, settle: TimeSpan.FromSeconds(3)));
        var hash = InvitationToken.Hash(token)!;
        var invitation = await app.WithDbAsync(db => db.Invitations.SingleAsync(i => i.Links.Any(l => l.TokenHash == hash)));
        var recipient = await app.WithDbAsync(db => db.Stakeholders.Where(s => s.Id == invitation.StakeholderId).Select(s => s.Email).SingleAsync());
        Assert.Equal(recipient, message.To.Mailboxes.Single().Address);
        Assert.Equal(Localized.Text("ko", "Your response to “{0}”", "국제 AI 안전 연구의 우선순위"), message.Subject);
        Assert.Contains("lang=\"ko\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("대학", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(SmtpSender.MessageId($"receipt:{invitation.Id}", "consultation.example"), message.MessageId);
        var stored = await app.WithDbAsync(db => db.OutboundEmails.SingleAsync(e => e.IdempotencyKey == $"receipt:{invitation.Id}"));
        Assert.Equal(EmailStatus.Sent, stored.Status);
        Assert.Null(stored.TextBody);
    }

    [Fact]
    public async Task TwoJobServersOnOneDatabase_SendEveryMessageOnce()
    {
        await using var smtp = new TestSmtpServer();
        var settings = new Dictionary<string, string?>(smtp.Settings()) { ["Jobs:Server"] = "true" };
        await using var first = AppFactory.With(settings);
        await using var second = AppFactory.OnDatabase(first.ConnectionString, settings);
        _ = first.Services;
        _ = second.Services;
        const int count = 60;
        for (var i = 0; i < count; i++)
            await DeliverEmailsJobTests.QueueAsync(first, $"reader{i}@example.org");

        foreach (var node in new[] { first, second, first, second, first, second })
            node.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<DeliverEmailsJob>(job => job.RunAsync(CancellationToken.None));

        var received = await smtp.WaitForAsync(count, TimeSpan.FromSeconds(60), settle: TimeSpan.FromSeconds(3));
        Assert.Equal(count, received.Count);
        Assert.Equal(count, received.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(count, await first.WithDbAsync(db => db.OutboundEmails.CountAsync(e => e.Status == EmailStatus.Sent)));
    }

    [Fact]
    public async Task ScheduledConsultation_OpensAndClosesAtItsTimes_ThroughTheRecurringJob()
    {
        await using var app = AppFactory.With(JobServer);
        var now = app.Clock.GetUtcNow();
        var id = await app.WithDbAsync(async db =>
        {
            var consultation = Consultation.Create("scheduled-one", "en", ["en"], AccessMode.PublicLink, false, 5, now);
            consultation.SetText(ElementKey.Consultation, TextField.Title, "en", "Scheduled");
            consultation.AddSection("main").AddQuestion(consultation, "view", QuestionType.ShortText, isRequired: false);
            consultation.Schedule(now.AddHours(1), now.AddHours(2));
            consultation.Publish(now);
            db.Consultations.Add(consultation);
            await db.SaveChangesAsync();
            return consultation.Id;
        });
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        Assert.Equal(ConsultationStatus.Scheduled, await StatusAsync(app, id));

        jobs.Trigger(RecurringJobs.OpenAndCloseConsultations);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(ConsultationStatus.Scheduled, await StatusAsync(app, id));

        app.Clock.Advance(TimeSpan.FromMinutes(61));
        jobs.Trigger(RecurringJobs.OpenAndCloseConsultations);
        Assert.True(await EventuallyAsync(async () => await StatusAsync(app, id) == ConsultationStatus.Open), "It did not open.");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.Respondent().GetAsync("/c/scheduled-one")).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(60));
        jobs.Trigger(RecurringJobs.OpenAndCloseConsultations);
        Assert.True(await EventuallyAsync(async () => await StatusAsync(app, id) == ConsultationStatus.Closed), "It did not close.");
        Assert.Equal(System.Net.HttpStatusCode.Gone, (await app.Respondent().GetAsync("/c/scheduled-one")).StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.ObjectId == id.ToString() && e.Actor == OpenAndCloseConsultationsJob.Actor)));
    }

    private static Task<ConsultationStatus> StatusAsync(AppFactory app, Guid id) =>
        app.WithDbAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.Status).SingleAsync());

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 150; i++)
        {
            if (await condition())
                return true;
            await Task.Delay(100);
        }
        return false;
    }
}
