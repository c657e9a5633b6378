namespace Consultation.Tests.Pages.Organise.Invitations;

using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Consultation.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// An organiser follows one consultation's invitations: counts and response rates, the list, and sending again, withdrawing
/// and looking up a link, through a real SMTP server where an email is the point.
/// </summary>
public sealed partial class InvitationListTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string AnsweredElsewhere =
        "Answers to this invitation have already been submitted through another of its links. Only one response is kept per invitation, so these answers were not submitted.";

    [Fact]
    public async Task CountsAndResponseRates_BySectorCountryAndLanguage_MatchTheInvitations_InTheReadersCulture()
    {
        var first = await app.InviteAsync(anonymous: false);
        var id = first.ConsultationId;
        // Eight with the helper's first (Academia, KE, en; left pending): (sector, country, language) → what became of it.
        var answered = await app.AddInviteeAsync(id, "Ada", Sector.Academia, "KE", "en");
        var started = await app.AddInviteeAsync(id, "Bea", Sector.Academia, "FR", "fr");
        var failed = await app.AddInviteeAsync(id, "Cy", Sector.Industry, "KE", "en");
        var declined = await app.AddInviteeAsync(id, "Dee", Sector.Industry, null, "fr");
        var optedOut = await app.AddInviteeAsync(id, "Eve", Sector.Government, "KE", "en");
        var revoked = await app.AddInviteeAsync(id, "Fay", Sector.Government, "FR", "en");
        var answeredToo = await app.AddInviteeAsync(id, "Hal", Sector.Academia, "KE", "en");
        await ChangeAsync(answered.InvitationId, (i, now) => { i.Delivered(now); i.Complete(now); });
        await ChangeAsync(answeredToo.InvitationId, (i, now) => { i.Delivered(now); i.Complete(now); });
        await ChangeAsync(started.InvitationId, (i, now) => i.Delivered(now));
        await ChangeAsync(failed.InvitationId, (_, _) => { }, i => i.DeliveryFailed("550 No such mailbox"));
        await ChangeAsync(declined.InvitationId, (i, now) => { i.Delivered(now); i.Decline(now, anonymously: false); });
        await ChangeAsync(optedOut.InvitationId, (i, now) => { i.Delivered(now); i.OptOut(now, anonymously: false); });
        await ChangeAsync(revoked.InvitationId, (i, now) => i.Revoke(now));
        // Started: the link opened and answers saved, not submitted.
        var respondent = app.Respondent();
        await respondent.ReviewPageAsync(await respondent.GetPageAsync($"{started.Path}/answer"), new Dictionary<string, string[]> { ["view"] = ["Draft"] });
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id), acceptLanguage: "fr");

        var page = await organiser.GetPageAsync($"/organise/{id}/invitations");

        Assert.Equal(new Dictionary<string, string>
        {
            ["invited"] = "8", ["sent"] = "5", ["failed"] = "1", ["opened"] = "3", ["started"] = "1", ["submitted"] = "2",
            ["declined"] = "1", ["opted-out"] = "1", ["revoked"] = "1",
        }, page.QuerySelectorAll("[data-count]").ToDictionary(c => c.GetAttribute("data-count")!, c => c.Text("[data-value]")));
        var fr = CultureInfo.GetCultureInfo("fr");
        string Percent(double share) => share.ToString("P0", fr);
        AssertRates(page, "sector", new() { ["Academia"] = ("4", "2", Percent(0.5)), ["Industry"] = ("2", "0", Percent(0)), ["Government"] = ("2", "0", Percent(0)) });
        AssertRates(page, "country", new() { ["KE"] = ("5", "2", Percent(0.4)), ["FR"] = ("2", "0", Percent(0)), [""] = ("1", "0", Percent(0)) });
        AssertRates(page, "language", new() { ["en"] = ("6", "2", Percent(2 / 6d)), ["fr"] = ("2", "0", Percent(0)) });
        Assert.Equal(Localized.Text("fr", "Academia"), page.Text("[data-rates='sector'] [data-rate='Academia'] th"));
        Assert.Contains(Localized.Text("fr", "Not delivered: {0}", "550 No such mailbox"), page.Text("[data-invitation] [data-delivery-error]"), StringComparison.Ordinal);
        Assert.Equal(Localized.Text("fr", "Started"), page.QuerySelector($"[data-invitation='{await EmailOfAsync(started.InvitationId)}'] [data-status]")!.TextContent.Trim());
    }

    private static void AssertRates(IHtmlDocument page, string dimension, Dictionary<string, (string Invited, string Submitted, string Share)> expected)
    {
        var rows = page.QuerySelectorAll($"[data-rates='{dimension}'] [data-rate]")
            .ToDictionary(r => r.GetAttribute("data-rate")!, r => (r.Text("[data-invited]"), r.Text("[data-submitted]"), r.Text("[data-share]")));
        Assert.Equal(expected, rows);
    }

    [Fact]
    public async Task TheList_FiltersByStatus_SearchesNamesAndEmails_AndPages()
    {
        var first = await app.InviteAsync(anonymous: false);
        var id = first.ConsultationId;
        for (var n = 0; n < 55; n++)
            await app.AddInviteeAsync(id, $"Person {n:00}", Sector.Other, "KE", "en");
        var declined = await app.AddInviteeAsync(id, "Zed Declined", Sector.Other, "KE", "en");
        await ChangeAsync(declined.InvitationId, (i, now) => i.Decline(now, anonymously: false));
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));

        var all = await organiser.GetPageAsync($"/organise/{id}/invitations");
        var second = await organiser.GetPageAsync($"/organise/{id}/invitations?pageNumber=2");
        var onlyDeclined = await organiser.GetPageAsync($"/organise/{id}/invitations?status=Declined");
        var searched = await organiser.GetPageAsync($"/organise/{id}/invitations?q=person%2004");
        var pastTheEnd = await organiser.GetPageAsync($"/organise/{id}/invitations?pageNumber=99999999");

        Assert.Equal(50, all.QuerySelectorAll("[data-invitation]").Length);
        Assert.Equal(7, second.QuerySelectorAll("[data-invitation]").Length);
        Assert.Equal(await EmailOfAsync(declined.InvitationId), Assert.Single(onlyDeclined.QuerySelectorAll("[data-invitation]")).GetAttribute("data-invitation"));
        Assert.Contains("Person 04", Assert.Single(searched.QuerySelectorAll("[data-invitation]")).TextContent, StringComparison.Ordinal);
        Assert.Empty(pastTheEnd.QuerySelectorAll("[data-invitation]"));
        Assert.NotNull(all.QuerySelector($"a[data-invite][href='/organise/{id}/invitations/new']"));
        Assert.NotNull(all.QuerySelector($"nav a[href='/organise/{id}/invitations'][aria-current='page']"));
    }

    [Fact]
    public async Task AnAnonymousConsultationsPage_ShowsNoOpenedOrSubmittedTimes_NorStarted_NorLinks_AndSaysWhy()
    {
        var invited = await app.InviteAsync(anonymous: true);
        var other = await app.AddInviteeAsync(invited.ConsultationId, "Opened Only", Sector.Industry, "KE", "en");
        var respondent = app.Respondent();
        await ResponseAssert.RedirectsTo($"{invited.Path}/thank-you",
            await respondent.CompleteAsync(await respondent.GetPageAsync($"{invited.Path}/answer"), new Dictionary<string, string[]> { ["view"] = ["Mine"] }));
        await app.Respondent().GetPageAsync($"{other.Path}/answer");
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<CompleteInvitationsJob>().RunAsync(CancellationToken.None);
        // Opened, without a time: none is stored in an anonymous consultation (ADR 0014).
        var opened = await app.WithDbAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Id == other.InvitationId));
        Assert.Equal(InvitationStatus.Opened, opened.Status);
        Assert.Null(opened.OpenedAt);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(invited.ConsultationId), acceptLanguage: "ko");

        var page = await organiser.GetPageAsync($"/organise/{invited.ConsultationId}/invitations");

        Assert.Equal(2, page.QuerySelectorAll("[data-invitation]").Length);
        Assert.Empty(page.QuerySelectorAll("[data-time='opened'], [data-time='submitted']"));
        Assert.Equal("1", page.Text("[data-count='submitted'] [data-value]"));
        Assert.Equal(Localized.Text("ko", "Not known"), page.Text("[data-count='started'] [data-value]"));
        Assert.Contains(Localized.Text("ko", "Completed"), page.QuerySelectorAll("[data-status]").Select(s => s.TextContent.Trim()));
        Assert.StartsWith(Localized.Text("ko", "This consultation is anonymous. This page shows whether each person answered, but not when they opened their link or submitted, nor whether they have started: with those times a response could be matched with the person who gave it. For the same reason personal links cannot be looked up here: each email carries a fresh link."),
            page.Text("[data-anonymous-note]"), StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("[data-copy-link]"));
        Assert.DoesNotContain("/r/", page.Body!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowLink_InANamedConsultation_ShowsTheLinkThatOpens_OnlyWhenAskedFor_AndIsAudited()
    {
        var invited = await app.InviteAsync(anonymous: false);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(invited.ConsultationId));
        var page = await organiser.GetPageAsync($"/organise/{invited.ConsultationId}/invitations");
        Assert.DoesNotContain(invited.Path, page.Body!.InnerHtml, StringComparison.Ordinal);

        var shown = await organiser.SubmitAsync(page, formSelector: "[data-copy-link]");

        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("no-store", shown.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var link = (await Html.ParseAsync(shown)).QuerySelector<IHtmlInputElement>("#copied-link")!;
        Assert.True(link.IsReadOnly);
        Assert.Equal(invited.Link, link.Value);
        Assert.NotNull((await app.Respondent().GetPageAsync($"{new Uri(link.Value).AbsolutePath}/answer")).QuerySelector("#answer-form"));
        Assert.Equal(invited.InvitationId.ToString(), await app.WithDbAsync(db => db.AuditEvents
            .Where(e => e.Action == AuditActions.InvitationLinkCopied && e.ConsultationId == invited.ConsultationId).Select(e => e.ObjectId).SingleAsync()));
    }

    [Fact]
    public async Task ShowLink_InAnAnonymousConsultation_IsNotOffered_AndPostedAnywayIsNotFound()
    {
        var invited = await app.InviteAsync(anonymous: true);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(invited.ConsultationId));
        var page = await organiser.GetPageAsync($"/organise/{invited.ConsultationId}/invitations");
        Assert.Empty(page.QuerySelectorAll("[data-copy-link]"));
        var form = page.QuerySelector<IHtmlFormElement>("[data-resend]")!;
        form.SetAttribute("action", form.GetAttribute("action")!.Replace("handler=Resend", "handler=CopyLink", StringComparison.Ordinal));

        var response = await organiser.SubmitAsync(page, formSelector: "[data-resend]");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Invitations.Where(i => i.Id == invited.InvitationId).SelectMany(i => i.Links).CountAsync()));
    }

    [Fact]
    public async Task Withdraw_AfterConfirming_StopsTheLinkOpening_AndWithdrawingTwiceIsRefusedInTheReadersLanguage()
    {
        var invited = await app.InviteAsync(anonymous: false);
        var id = invited.ConsultationId;
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id), acceptLanguage: "sw");
        var list = await organiser.GetPageAsync($"/organise/{id}/invitations");
        var confirm = await organiser.GetPageAsync(list.QuerySelector("a[data-revoke]")!.GetAttribute("href")!);
        Assert.NotNull(confirm.QuerySelector("[data-confirm-revoke]"));
        Assert.Equal(InvitationStatus.Pending, await StatusOfAsync(invited.InvitationId));

        await ResponseAssert.RedirectsTo($"/organise/{id}/invitations?pageNumber=1&done=revoked", await organiser.SubmitAsync(confirm, formSelector: "[data-confirm-revoke] form"));

        Assert.Equal(InvitationStatus.Revoked, await StatusOfAsync(invited.InvitationId));
        var opened = await app.Respondent().GetAsync(invited.Path);
        Assert.Equal(HttpStatusCode.Gone, opened.StatusCode);
        Assert.Equal(Localized.Text("en", "This invitation has been withdrawn"), (await Html.ParseAsync(opened)).Text("h1"));
        var again = await organiser.SubmitAsync(confirm, formSelector: "[data-confirm-revoke] form");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(Localized.Text("sw", "This invitation has already been withdrawn."), (await Html.ParseAsync(again)).Text("[data-error-summary] p"));
        Assert.Single(await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == AuditActions.InvitationRevoked && e.ObjectId == invited.InvitationId.ToString()).ToListAsync()));
        var history = await organiser.GetPageAsync($"/organise/{id}/history");
        Assert.Contains(Localized.Text("sw", "Withdrew an invitation"), history.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdraw_OfAnAnsweredInvitation_IsRefused()
    {
        var invited = await app.InviteAsync(anonymous: false);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(invited.ConsultationId), acceptLanguage: "ja");
        var confirm = await organiser.GetPageAsync($"/organise/{invited.ConsultationId}/invitations?revoke={invited.InvitationId}");
        await ChangeAsync(invited.InvitationId, (i, now) => i.Complete(now));

        var refused = await organiser.SubmitAsync(confirm, formSelector: "[data-confirm-revoke] form");

        Assert.Equal(Localized.Text("ja", "This person has already answered: an answered invitation cannot be withdrawn."), (await Html.ParseAsync(refused)).Text("[data-error-summary] p"));
        Assert.Equal(InvitationStatus.Completed, await StatusOfAsync(invited.InvitationId));
    }

    [Fact]
    public async Task SendAgain_OnceTheConsultationHasClosed_IsRefusedInTheReadersLanguage_AndQueuesNothing()
    {
        var invited = await app.InviteAsync(anonymous: false);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(invited.ConsultationId), acceptLanguage: "fr");
        var page = await organiser.GetPageAsync($"/organise/{invited.ConsultationId}/invitations");
        await app.WithDbAsync(async db =>
        {
            (await db.Consultations.SingleAsync(c => c.Id == invited.ConsultationId)).Close(app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });

        var refused = await organiser.SubmitAsync(page, formSelector: "[data-resend]");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var shown = await Html.ParseAsync(refused);
        Assert.Equal(Localized.Text("fr", "Invitations are sent only while the consultation is open."), shown.Text("[data-error-summary] p"));
        Assert.Empty(shown.QuerySelectorAll("[data-resend]"));
        Assert.Equal(0, await EmailsToAsync(invited.InvitationId));
    }

    [Fact]
    public async Task SendAgain_ClickedTwiceBeforeTheEmailHasGone_QueuesOneEmail_AndSaysWhyInTheReadersLanguage()
    {
        var invited = await app.InviteAsync(anonymous: false);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(invited.ConsultationId), acceptLanguage: "ko");
        var page = await organiser.GetPageAsync($"/organise/{invited.ConsultationId}/invitations");

        await ResponseAssert.RedirectsTo($"/organise/{invited.ConsultationId}/invitations?pageNumber=1&done=resent", await organiser.SubmitAsync(page, formSelector: "[data-resend]"));
        var again = await organiser.SubmitAsync(page, formSelector: "[data-resend]");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(Localized.Text("ko", "An email to this person is already waiting to be sent. Try again once it has gone."),
            (await Html.ParseAsync(again)).Text("[data-error-summary] p"));
        var queued = Assert.Single(await app.WithDbAsync(db => db.OutboundEmails.AsNoTracking().Where(e => e.InvitationId == invited.InvitationId).ToListAsync()));
        Assert.StartsWith($"invitation:{invited.InvitationId}:resend:", queued.IdempotencyKey, StringComparison.Ordinal);
        Assert.Equal(EmailKind.Invitation, queued.Kind);
        Assert.Null(queued.TextBody);
    }

    [Fact]
    public async Task AnOrganiserOfAnotherConsultation_CannotSeeOrActOnItsInvitations_NorReachThemThroughTheirOwn()
    {
        var mine = await app.InviteAsync(anonymous: false);
        var theirs = await app.InviteAsync(anonymous: false);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(mine.ConsultationId), acceptLanguage: "fr");

        Assert.Equal(HttpStatusCode.Forbidden, (await organiser.GetAsync($"/organise/{theirs.ConsultationId}/invitations")).StatusCode);
        var page = await organiser.GetPageAsync($"/organise/{mine.ConsultationId}/invitations");
        foreach (var (handler, selector) in new[] { ("Resend", "[data-resend]"), ("CopyLink", "[data-copy-link]") })
        {
            var form = page.QuerySelector<IHtmlFormElement>(selector)!;
            var values = Html.FormValues(form, new Dictionary<string, string[]> { ["InvitationId"] = [theirs.InvitationId.ToString()] });
            var throughTheirs = await organiser.PostAsync(form.GetAttribute("action")!.Replace(mine.ConsultationId.ToString(), theirs.ConsultationId.ToString(), StringComparison.Ordinal),
                new FormUrlEncodedContent(values));
            Assert.Equal(HttpStatusCode.Forbidden, throughTheirs.StatusCode);
            var throughMine = await organiser.SubmitAsync(page, new Dictionary<string, string[]> { ["InvitationId"] = [theirs.InvitationId.ToString()] }, selector);
            Assert.True(throughMine.StatusCode == HttpStatusCode.NotFound, $"{handler}: {(int)throughMine.StatusCode}");
            Assert.Equal(Localized.Text("fr", "This invitation is not one of this consultation's. Choose one from the list below."),
                (await Html.ParseAsync(throughMine)).Text("[data-error-summary] p"));
        }
        var confirm = await organiser.GetPageAsync($"/organise/{mine.ConsultationId}/invitations?revoke={mine.InvitationId}");
        var revoke = await organiser.SubmitAsync(confirm, new Dictionary<string, string[]> { ["InvitationId"] = [theirs.InvitationId.ToString()] }, "[data-confirm-revoke] form");
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Equal(InvitationStatus.Pending, await StatusOfAsync(theirs.InvitationId));
        Assert.Equal(0, await EmailsToAsync(theirs.InvitationId));
        Assert.Equal(1, await app.WithDbAsync(db => db.Invitations.Where(i => i.Id == theirs.InvitationId).SelectMany(i => i.Links).CountAsync()));
        Assert.Empty(await app.WithDbAsync(db => db.AuditEvents.Where(e => e.ObjectId == theirs.InvitationId.ToString()).ToListAsync()));
    }

    [Fact]
    public async Task SendAgain_InANamedConsultation_ArrivesWithTheSameLinkAsTheFirstEmail()
    {
        await using var smtp = new TestSmtpServer();
        await using var mailing = AppFactory.With(smtp.Settings());
        var invited = await mailing.InviteAsync(anonymous: false);
        Assert.Equal(1, await mailing.QueueInvitationEmailsAsync(invited.ConsultationId));
        await DeliverAsync(mailing);
        Assert.Single(await smtp.WaitForAsync(1));
        var organiser = await mailing.SignedInAsync(await mailing.OrganiserOfAsync(invited.ConsultationId));
        var page = await organiser.GetPageAsync($"/organise/{invited.ConsultationId}/invitations");
        Assert.NotNull(page.QuerySelector("[data-time='sent']"));

        await ResponseAssert.RedirectsTo($"/organise/{invited.ConsultationId}/invitations?pageNumber=1&done=resent", await organiser.SubmitAsync(page, formSelector: "[data-resend]"));
        await DeliverAsync(mailing);

        var messages = await smtp.WaitForAsync(2);
        Assert.Equal(2, messages.Count);
        Assert.Equal(invited.Link, LinkIn(messages[0]));
        Assert.Equal(invited.Link, LinkIn(messages[1]));
        Assert.NotNull((await mailing.Respondent().GetPageAsync($"{invited.Path}/answer")).QuerySelector("#answer-form"));
        Assert.Single(await mailing.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == AuditActions.InvitationResent && e.ObjectId == invited.InvitationId.ToString()).ToListAsync()));
        var done = await Html.ParseAsync(await organiser.GetAsync($"/organise/{invited.ConsultationId}/invitations?pageNumber=1&done=resent"));
        Assert.Equal(Localized.Text("en", "The invitation will be sent again in a moment."), done.Text("[data-done]"));
    }

    [Fact]
    public async Task SendAgain_InAnAnonymousConsultation_ArrivesWithAFreshLink_BothOpen_AndOnlyOneOfThemSubmits()
    {
        await using var smtp = new TestSmtpServer();
        await using var mailing = AppFactory.With(smtp.Settings());
        var invited = await mailing.InviteAsync(anonymous: true);
        await mailing.QueueInvitationEmailsAsync(invited.ConsultationId);
        await DeliverAsync(mailing);
        Assert.Single(await smtp.WaitForAsync(1));
        var organiser = await mailing.SignedInAsync(await mailing.OrganiserOfAsync(invited.ConsultationId));

        await ResponseAssert.RedirectsTo($"/organise/{invited.ConsultationId}/invitations?pageNumber=1&done=resent",
            await organiser.SubmitAsync(await organiser.GetPageAsync($"/organise/{invited.ConsultationId}/invitations"), formSelector: "[data-resend]"));
        await DeliverAsync(mailing);

        var messages = await smtp.WaitForAsync(2);
        var (first, second) = (new Uri(LinkIn(messages[0])).AbsolutePath, new Uri(LinkIn(messages[1])).AbsolutePath);
        Assert.NotEqual(first, second);
        var one = mailing.Respondent();
        var other = mailing.Respondent();
        var oneReview = await one.ReviewPageAsync(await one.GetPageAsync($"{first}/answer"), new Dictionary<string, string[]> { ["view"] = ["Through the first email"] });
        var otherReview = await other.ReviewPageAsync(await other.GetPageAsync($"{second}/answer"), new Dictionary<string, string[]> { ["view"] = ["Through the second email"] });
        await ResponseAssert.RedirectsTo($"{first}/thank-you", await one.SubmitAsync(oneReview, formSelector: "#review-form"));
        var refused = await other.SubmitAsync(otherReview, formSelector: "#review-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(Localized.Text("en", AnsweredElsewhere), (await Html.ParseAsync(refused)).Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("declined", "This person declined to take part: the invitation is not sent again.")]
    [InlineData("opted-out", "This person asked for no more emails about this consultation: the invitation is not sent again.")]
    [InlineData("never-email", "The registry says never to email this person: the invitation is not sent again.")]
    [InlineData("answered", "This person has already answered: the invitation is not sent again.")]
    [InlineData("withdrawn", "This invitation has been withdrawn: it is not sent again.")]
    public async Task SendAgain_ToSomeoneWhoMayNoLongerBeEmailed_IsRefusedInTheReadersLanguage_AndNothingIsSent(string what, string why)
    {
        await using var smtp = new TestSmtpServer();
        await using var mailing = AppFactory.With(smtp.Settings());
        var invited = await mailing.InviteAsync(anonymous: false);
        var organiser = await mailing.SignedInAsync(await mailing.OrganiserOfAsync(invited.ConsultationId), acceptLanguage: "fr");
        var page = await organiser.GetPageAsync($"/organise/{invited.ConsultationId}/invitations");
        if (what == "never-email")
            await mailing.WithDbAsync(async db =>
            {
                var person = await db.Invitations.Where(i => i.Id == invited.InvitationId).Join(db.Stakeholders, i => i.StakeholderId, p => p.Id, (i, p) => p).SingleAsync();
                person.Edit(new StakeholderDetails(person.Name, person.Email, person.Organisation, person.Sector, person.Country, person.PreferredLanguage) { NeverEmail = true },
                    mailing.Clock.GetUtcNow());
                await db.SaveChangesAsync();
            });
        else
            await ChangeAsync(mailing, invited.InvitationId, (i, now) =>
            {
                if (what == "declined")
                    i.Decline(now, anonymously: false);
                else if (what == "answered")
                    i.Complete(now);
                else if (what == "withdrawn")
                    i.Revoke(now);
                else
                    i.OptOut(now, anonymously: false);
            });

        var refused = await organiser.SubmitAsync(page, formSelector: "[data-resend]");
        await DeliverAsync(mailing);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var shown = await Html.ParseAsync(refused);
        Assert.Equal(Localized.Text("fr", why), shown.Text("[data-error-summary] p"));
        Assert.Empty(shown.QuerySelectorAll("[data-resend]"));
        Assert.Empty(smtp.Received);
        Assert.Equal(0, await mailing.WithDbAsync(db => db.OutboundEmails.CountAsync(e => e.InvitationId == invited.InvitationId)));
    }

    private static async Task DeliverAsync(AppFactory on)
    {
        await using var scope = on.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeliverEmailsJob>().RunAsync(CancellationToken.None);
    }

    private static string LinkIn(MimeKit.MimeMessage message) =>
        PersonalLink().Match(message.TextBody ?? "") is { Success: true } found ? found.Value : throw new InvalidOperationException("The email carries no personal link.");


    private Task ChangeAsync(Guid invitationId, Action<Invitation, DateTimeOffset> change, Action<Invitation>? also = null) =>
        ChangeAsync(app, invitationId, change, also);

    private static Task ChangeAsync(AppFactory on, Guid invitationId, Action<Invitation, DateTimeOffset> change, Action<Invitation>? also = null) => on.WithDbAsync(async db =>
    {
        var invitation = await db.Invitations.SingleAsync(i => i.Id == invitationId);
        change(invitation, on.Clock.GetUtcNow());
        also?.Invoke(invitation);
        await db.SaveChangesAsync();
    });

    private Task<InvitationStatus> StatusOfAsync(Guid invitationId) =>
        app.WithDbAsync(db => db.Invitations.Where(i => i.Id == invitationId).Select(i => i.Status).SingleAsync());

    private Task<string> EmailOfAsync(Guid invitationId) =>
        app.WithDbAsync(db => db.Invitations.Where(i => i.Id == invitationId).Join(db.Stakeholders, i => i.StakeholderId, p => p.Id, (i, p) => p.Email).SingleAsync());

    private Task<int> EmailsToAsync(Guid invitationId) => app.WithDbAsync(db => db.OutboundEmails.CountAsync(e => e.InvitationId == invitationId));

    [GeneratedRegex(@"https?://[^\s""<>]+/r/[A-Za-z0-9_\-]+")]
    private static partial Regex PersonalLink();
}
