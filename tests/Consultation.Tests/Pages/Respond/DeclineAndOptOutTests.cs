namespace Consultation.Tests.Pages.Respond;

using System.Net;
using System.Text;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// "I will not take part" and opting out (issue 16; ADR 0018): a GET changes nothing, the button records it, the email's
/// List-Unsubscribe takes RFC 8058's one-click post without cookies, and the link keeps opening the questionnaire.
/// </summary>
public sealed class DeclineAndOptOutTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("decline")]
    [InlineData("opt-out")]
    public async Task GettingEitherPage_ChangesNothing(string page)
    {
        var invited = await app.InviteAsync(anonymous: false);
        var before = await InvitationAsync(invited.InvitationId);

        var shown = await app.Respondent().GetPageAsync($"{invited.Path}/{page}");

        Assert.NotNull(shown.QuerySelector($"#{page}-form"));
        var after = await InvitationAsync(invited.InvitationId);
        Assert.Equal(before.Status, after.Status);
        Assert.False(after.HasOptedOut);
        Assert.Null(after.DeclinedAt);
        Assert.True(after.MayBeEmailed(neverEmail: false));
    }

    [Fact]
    public async Task Declining_RecordsIt_AndTheLinkStillOpensTheQuestionnaire_WhereAnsweringAfterAllCompletesIt()
    {
        var invited = await app.InviteAsync(anonymous: false);
        var respondent = app.Respondent();

        var answered = await respondent.SubmitAsync(await respondent.GetPageAsync($"{invited.Path}/decline"), formSelector: "#decline-form",
            pagePath: $"{invited.Path}/decline");

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.NotNull((await Html.ParseAsync(answered)).QuerySelector("#declined"));
        var invitation = await InvitationAsync(invited.InvitationId);
        Assert.Equal(InvitationStatus.Declined, invitation.Status);
        Assert.Equal(app.Clock.GetUtcNow(), invitation.DeclinedAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.False(invitation.MayBeEmailed(neverEmail: false));
        var again = app.Respondent();
        var questionnaire = await again.GetPageAsync($"{invited.Path}/answer");
        Assert.NotNull(questionnaire.QuerySelector("#answer-form"));
        await ResponseAssert.RedirectsTo($"{invited.Path}/thank-you",
            await again.CompleteAsync(questionnaire, new Dictionary<string, string[]> { ["view"] = ["After all"] }));
        Assert.Equal(InvitationStatus.Completed, (await InvitationAsync(invited.InvitationId)).Status);
    }

    [Fact]
    public async Task OptingOutByThePage_RecordsIt_AndTheLinkStillOpensTheQuestionnaire()
    {
        var invited = await app.InviteAsync(anonymous: false);
        var respondent = app.Respondent();

        var answered = await respondent.SubmitAsync(await respondent.GetPageAsync($"{invited.Path}/opt-out"), formSelector: "#opt-out-form",
            pagePath: $"{invited.Path}/opt-out");

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.NotNull((await Html.ParseAsync(answered)).QuerySelector("#opted-out"));
        var invitation = await InvitationAsync(invited.InvitationId);
        Assert.True(invitation.HasOptedOut);
        Assert.Equal(app.Clock.GetUtcNow(), invitation.OptedOutAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.False(invitation.MayBeEmailed(neverEmail: false));
        Assert.NotNull((await app.Respondent().GetPageAsync($"{invited.Path}/answer")).QuerySelector("#answer-form"));
    }

    [Fact]
    public async Task TheOptOutPagesForm_WithoutItsAntiforgeryToken_IsRefused()
    {
        var invited = await app.InviteAsync(anonymous: false);
        var respondent = app.Respondent();
        await respondent.GetPageAsync($"{invited.Path}/opt-out");

        var answered = await respondent.PostAsync($"{invited.Path}/opt-out", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, answered.StatusCode);
        Assert.False((await InvitationAsync(invited.InvitationId)).HasOptedOut);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AOneClickPost_AsAMailProviderSendsIt_WithoutCookiesOrToken_OptsOut_AndAnswers200(bool multipart)
    {
        var invited = await app.InviteAsync(anonymous: false);
        var links = InvitationLinks.EmailLinksFor(invited.Link);
        using HttpContent body = multipart
            ? new MultipartFormDataContent { { new StringContent("One-Click"), "List-Unsubscribe" } }
            : OneClick();

        var answered = await MailProvider().PostAsync(new Uri(links.OptOut).AbsolutePath, body);

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.True((await InvitationAsync(invited.InvitationId)).HasOptedOut);
        Assert.NotNull((await app.Respondent().GetPageAsync($"{invited.Path}/answer")).QuerySelector("#answer-form"));
    }

    [Theory]
    [InlineData("List-Unsubscribe=one-click")]
    [InlineData("List-Unsubscribe=One-Click&more=1")]
    [InlineData("Unsubscribe=One-Click")]
    [InlineData("")]
    public async Task APostWithAnyOtherBody_WithoutAToken_IsRefused_AndChangesNothing(string form)
    {
        var invited = await app.InviteAsync(anonymous: false);

        var answered = await MailProvider().PostAsync($"{invited.Path}/opt-out",
            new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, answered.StatusCode);
        Assert.False((await InvitationAsync(invited.InvitationId)).HasOptedOut);
    }

    [Fact]
    public async Task InAnAnonymousConsultation_DecliningAndOptingOut_StoreNoTimeNextToThePerson()
    {
        var invited = await app.InviteAsync(anonymous: true);
        var respondent = app.Respondent();

        await respondent.SubmitAsync(await respondent.GetPageAsync($"{invited.Path}/decline"), formSelector: "#decline-form", pagePath: $"{invited.Path}/decline");
        Assert.Equal(HttpStatusCode.OK, (await MailProvider().PostAsync($"{invited.Path}/opt-out", OneClick())).StatusCode);

        var invitation = await InvitationAsync(invited.InvitationId);
        Assert.Equal(InvitationStatus.Declined, invitation.Status);
        Assert.True(invitation.HasOptedOut);
        Assert.Null(invitation.DeclinedAt);
        Assert.Null(invitation.OptedOutAt);
    }

    [Theory]
    [InlineData("decline", "fr")]
    [InlineData("opt-out", "ja")]
    public async Task AnUnknownLink_GetsTheUnknownLinkPage_InTheReadersLanguage(string page, string language)
    {
        var response = await app.Respondent($"{language},en;q=0.5").GetAsync($"/r/{InvitationToken.New()}/{page}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(Localized.Text(language, "This link does not work"), (await Html.ParseAsync(response)).Text("h1"));
    }

    [Theory]
    [InlineData("decline")]
    [InlineData("opt-out")]
    public async Task ARevokedInvitation_GetsTheWithdrawnPage_InItsLanguage_AndAOneClickPostChangesNothing(string page)
    {
        var invited = await app.InviteAsync(anonymous: false, language: "fr");
        await app.RevokeAsync(invited.InvitationId);

        var shown = await app.Respondent().GetAsync($"{invited.Path}/{page}");
        var posted = await MailProvider().PostAsync($"{invited.Path}/opt-out", OneClick());

        Assert.Equal(HttpStatusCode.Gone, shown.StatusCode);
        Assert.Equal(Localized.Text("fr", "This invitation has been withdrawn"), (await Html.ParseAsync(shown)).Text("h1"));
        Assert.Equal(HttpStatusCode.Gone, posted.StatusCode);
        Assert.False((await InvitationAsync(invited.InvitationId)).HasOptedOut);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("ja")]
    public async Task ThePages_SpeakTheInvitationsLanguage(string language)
    {
        var invited = await app.InviteAsync(anonymous: false, language: language, alsoOffered: language == "fr" ? null : language);
        var respondent = app.Respondent("en");

        var decline = await respondent.GetPageAsync($"{invited.Path}/decline");
        var optOut = await respondent.GetPageAsync($"{invited.Path}/opt-out");

        Assert.Equal(Localized.Text(language, "I will not take part"), decline.Text("h1"));
        Assert.Equal(Localized.Text(language, "I will not take part"), decline.QuerySelector("#decline-form button")!.TextContent.Trim());
        Assert.Equal(Localized.Text(language, "No more emails about this consultation"), optOut.Text("h1"));
        Assert.Equal(Localized.Text(language, "Stop the emails"), optOut.QuerySelector("#opt-out-form button")!.TextContent.Trim());
        Assert.Equal(language, decline.DocumentElement.GetAttribute("lang"));
        Assert.Equal("ltr", optOut.DocumentElement.GetAttribute("dir"));
    }

    [Fact]
    public async Task InvitationsToEmail_LeavesOutThoseWhoDeclined_OptedOut_Answered_WereWithdrawn_OrAreNeverEmailed()
    {
        var now = app.Clock.GetUtcNow();
        var c = Consultation.Create($"mail-{Guid.NewGuid():N}"[..20], "en", ["en"], AccessMode.InvitedOnly, false, 5, now);
        var ids = new Dictionary<string, Guid>();
        await app.WithDbAsync(async db =>
        {
            db.Add(c);
            foreach (var who in People)
            {
                var person = Stakeholder.Create(who, $"{Guid.NewGuid():N}@example.org", null, Sector.Other, "KE", "en", now);
                if (who == "neverEmail")
                    person.Edit(person.Details() with { NeverEmail = true }, now);
                var invitation = Invitation.Issue(c, person, InvitationToken.New(), now);
                if (who == "declined")
                    invitation.Decline(now, anonymously: false);
                else if (who == "optedOut")
                    invitation.OptOut(now, anonymously: false);
                else if (who == "completed")
                    invitation.Complete(now);
                else if (who == "revoked")
                    invitation.Revoke(now);
                ids[who] = invitation.Id;
                db.AddRange(person, invitation);
            }
            await db.SaveChangesAsync();
        });

        var toEmail = await app.WithDbAsync(db => db.InvitationsToEmail(c.Id).Select(i => i.Id).ToListAsync());

        Assert.Equal([ids["plain"]], toEmail);
    }

    private static readonly string[] People = ["plain", "declined", "optedOut", "completed", "revoked", "neverEmail"];

    private static StringContent OneClick() => new("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded");

    /// <summary>A client as a mail provider's unsubscribe robot: no cookies, no page fetched first.</summary>
    private HttpClient MailProvider() =>
        app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = app.ClientOptions.BaseAddress, AllowAutoRedirect = false, HandleCookies = false });

    private Task<Invitation> InvitationAsync(Guid id) => app.WithDbAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Id == id));
}
