namespace Consultation.Tests.Email;

using System.Net;
using Consultation.Tests.Jobs;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Consultation.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>A public-link respondent's resume link, asked for by email, through a real SMTP server in the test process.</summary>
[Collection(JobServers.Name)]
public sealed class ResumeLinkEmailTests
{
    [Fact]
    public async Task TheResumeLink_ArrivesInTheRespondentsLanguage_OpensTheirAnswers_AndLeavesNoBodyInTheOutbox()
    {
        await using var smtp = new TestSmtpServer();
        await using var app = AppFactory.With(smtp.Settings());
        var journey = await app.JourneyAsync(anonymous: true);
        var client = app.Respondent("fr");
        var saved = await client.SubmitAsync(await client.GetPageAsync($"{journey.PublicLink}/answer/1"),
            new Dictionary<string, string[]> { ["role"] = ["academic"] });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await client.GetPageAsync(saved.Headers.Location!.OriginalString);

        await client.SubmitAsync(page, new Dictionary<string, string[]> { ["ResumeEmail"] = ["plus-tard@example.org"] }, formSelector: ".resume-form");
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DeliverEmailsJob>().RunAsync(CancellationToken.None);

        var message = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal("plus-tard@example.org", message.To.Mailboxes.Single().Address);
        Assert.Contains("Consultation parcours", message.Subject, StringComparison.Ordinal);
        var link = System.Text.RegularExpressions.Regex.Match(message.TextBody ?? "", @"https?://\S+/resume/\S+/answer").Value;
        var elsewhere = app.Respondent("fr");
        // It opens where they stopped (the last section, the company one being skipped), with what they answered before.
        Assert.Contains("Section 2 sur 2", (await elsewhere.GetPageAsync(new Uri(link).PathAndQuery)).Text(".section-progress"), StringComparison.Ordinal);
        Assert.NotNull((await elsewhere.GetPageAsync(new Uri(link).PathAndQuery + "/1")).QuerySelector("input[name='a.role'][value=academic][checked]"));
        var stored = await app.WithDbAsync(db => db.OutboundEmails.AsNoTracking().SingleAsync(e => e.Recipient == "plus-tard@example.org"));
        Assert.Equal(EmailStatus.Sent, stored.Status);
        Assert.Null(stored.TextBody);
        Assert.Null(stored.HtmlBody);
    }
}
