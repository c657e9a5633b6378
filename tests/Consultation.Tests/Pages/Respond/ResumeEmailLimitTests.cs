namespace Consultation.Tests.Pages.Respond;

using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Pages.Respond;
using Microsoft.EntityFrameworkCore;

/// <summary>The resume link form sends mail to whatever address is typed: one network address gets a few, then a clear refusal.</summary>
public sealed class ResumeEmailLimitTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task AfterAFewResumeEmails_TheNextIsRefusedInWords_AndNotQueued()
    {
        var journey = await app.JourneyAsync();
        var client = app.Respondent("fr");
        var saved = await client.SubmitAsync(await client.GetPageAsync($"{journey.PublicLink}/answer/1"), new Dictionary<string, string[]> { ["role"] = ["academic"] });
        var page = await client.GetPageAsync(saved.Headers.Location!.OriginalString);
        var recipients = Enumerable.Range(1, ResumeEmailLimit.PermitsPerWindow + 1).Select(i => $"flood-{i}-{Guid.NewGuid():N}@example.org").ToList();

        foreach (var recipient in recipients.SkipLast(1))
            await client.SubmitAsync(page, new Dictionary<string, string[]> { ["ResumeEmail"] = [recipient] }, formSelector: ".resume-form");
        var refused = await Html.ParseAsync(await client.SubmitAsync(page, new Dictionary<string, string[]> { ["ResumeEmail"] = [recipients[^1]] }, formSelector: ".resume-form"));

        Assert.Contains(Localized.Text("fr", "Too many links were sent from here. Copy the link above, or try again in a quarter of an hour."),
            refused.Text("#resume-email-error"), StringComparison.Ordinal);
        var queued = await app.WithDbAsync(db => db.OutboundEmails.Where(e => recipients.Contains(e.Recipient)).Select(e => e.Recipient).ToListAsync());
        Assert.Equal(recipients.SkipLast(1).Order(), queued.Order());
        Assert.All(await app.WithDbAsync(db => db.OutboundEmails.Where(e => recipients.Contains(e.Recipient)).ToListAsync()), e => Assert.Equal(EmailKind.ResumeLink, e.Kind));
    }
}
