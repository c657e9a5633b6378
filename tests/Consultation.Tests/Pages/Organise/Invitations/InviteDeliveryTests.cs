namespace Consultation.Tests.Pages.Organise.Invitations;

using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Consultation.Tests.Jobs;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Consultation.Web.Jobs;
using Consultation.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Invitations made on the invite page, delivered by the real job to a real SMTP server: one email each, in the person's
/// language (or the default one, saying so), with a link that opens the questionnaire, and no link left in the outbox;
/// the test invitation reaches the organiser alone.
/// </summary>
[Collection(JobServers.Name)]
public sealed partial class InviteDeliveryTests
{
    [Fact]
    public async Task EachPersonInvited_ReceivesOneEmail_InTheirLanguage_WithALinkThatOpensTheQuestionnaire_AndNoLinkStaysInTheOutbox()
    {
        await using var smtp = new TestSmtpServer();
        await using var app = AppFactory.With(smtp.Settings());
        await FlushDemoEmailsAsync(app, smtp);
        var id = await app.InviteConsultationAsync();
        var tag = InviteTests.Tag();
        var people = await app.PeopleAsync(tag, new Invitee("Camille", Language: "fr"), new Invitee("Alex", Language: "en"), new Invitee("Haruto", Language: "ja"));
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));

        await InviteTests.InviteAsync(organiser, id, $"?tag={tag}", everyone: true);
        await DeliverAsync(app);

        var messages = await smtp.WaitForAsync(3);
        Assert.Equal(people.Select(p => p.Email).Order(), messages.Select(m => m.To.Mailboxes.Single().Address).Order());
        foreach (var (person, expected) in new[] { (people[0], "fr"), (people[1], "en"), (people[2], "en") })
        {
            var message = messages.Single(m => m.To.Mailboxes.Single().Address == person.Email);
            Assert.Contains(expected == "fr" ? "L’eau pour tous" : "Water for everyone", message.Subject, StringComparison.Ordinal);
            var link = PersonalLink().Match(message.TextBody ?? "");
            Assert.True(link.Success, message.TextBody);
            var opened = await app.Respondent(person.PreferredLanguage).GetAsync(new Uri(link.Value).AbsolutePath);
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
            Assert.Equal(expected, (await Html.ParseAsync(opened)).DocumentElement.GetAttribute("lang"));
        }
        var japanese = messages.Single(m => m.To.Mailboxes.Single().Address == people[2].Email);
        Assert.StartsWith(Localized.Text("ja", "This email is in {0}: this consultation is not offered in {1}.", Name("en", "ja"), Name("ja", "ja")),
            japanese.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("This email is in", messages.Single(m => m.To.Mailboxes.Single().Address == people[0].Email).TextBody, StringComparison.Ordinal);

        var rows = await app.WithDbAsync(db => db.OutboundEmails.AsNoTracking().Where(e => e.Kind == EmailKind.Invitation).ToListAsync());
        Assert.All(rows, r => Assert.Equal(EmailStatus.Sent, r.Status));
        Assert.All(rows, r => Assert.DoesNotContain("/r/", string.Join(" ", r.Subject, r.TextBody, r.HtmlBody, r.UnsubscribeUrl, r.LastError, r.IdempotencyKey), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATestInvitation_ReachesOnlyTheOrganiser_InTheChosenLanguage_WithLinksToThePreview()
    {
        await using var smtp = new TestSmtpServer();
        await using var app = AppFactory.With(smtp.Settings());
        await FlushDemoEmailsAsync(app, smtp);
        var id = await app.InviteConsultationAsync();
        await app.PeopleAsync(InviteTests.Tag(), new Invitee("Camille", Language: "fr"));
        var email = await app.OrganiserOfAsync(id);
        var organiser = await app.SignedInAsync(email);
        var path = $"/organise/{id}/invitations/new";
        var page = await organiser.GetPageAsync(path);

        var sent = await organiser.SubmitAsync(page, new Dictionary<string, string[]> { ["TestLanguage"] = ["fr"] }, "#test-form");
        await ResponseAssert.RedirectsTo($"{path}?testSent=fr", sent);
        var shown = await organiser.GetPageAsync(sent.Headers.Location!.OriginalString);
        Assert.Equal(Localized.Text("en", "A test invitation in {0} was sent to {1}. Nobody else receives it.", UiLanguages.NativeName("fr"), email),
            shown.Text("[data-test-sent]"));
        await DeliverAsync(app);

        var message = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal(email, message.To.Mailboxes.Single().Address);
        Assert.Contains("L’eau pour tous", message.Subject + message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/organise/{id}/preview?language=fr", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/r/", message.TextBody, StringComparison.Ordinal);
        Assert.Null(message.Headers["List-Unsubscribe"]);
        Assert.Equal(0, await app.WithDbAsync(db => db.Invitations.CountAsync(i => i.ConsultationId == id)));
    }

    [Fact]
    public async Task ATestInvitation_InALanguageNotOffered_IsRefusedInWords()
    {
        await using var app = new AppFactory();
        var id = await app.InviteConsultationAsync();
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id), acceptLanguage: "fr");
        var page = await organiser.GetPageAsync($"/organise/{id}/invitations/new");

        var refused = await organiser.SubmitAsync(page, new Dictionary<string, string[]> { ["TestLanguage"] = ["de"] }, "#test-form");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(Localized.Text("fr", "Choose one of the consultation’s languages for the test invitation."),
            (await Html.ParseAsync(refused)).Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboundEmails.CountAsync(e => e.IdempotencyKey.StartsWith("test-invitation:"))));
    }

    /// <summary>The demo's own invitations go out first, so that what arrives afterwards is the test's alone.</summary>
    private static async Task FlushDemoEmailsAsync(AppFactory app, TestSmtpServer smtp)
    {
        await app.DemoAsync();
        await DeliverAsync(app);
        var queued = await app.WithDbAsync(db => db.OutboundEmails.CountAsync());
        if (queued > 0)
            await smtp.WaitForAsync(queued, settle: TimeSpan.FromMilliseconds(200));
        smtp.Received.Clear();
    }

    private static async Task DeliverAsync(AppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeliverEmailsJob>().RunAsync(CancellationToken.None);
    }

    private static string Name(string tag, string reader)
    {
        using (CultureScope.ForRespondent(reader))
            return CultureInfo.GetCultureInfo(tag).DisplayName;
    }

    [GeneratedRegex(@"https?://\S+/r/[A-Za-z0-9_\-]+")]
    private static partial Regex PersonalLink();
}
