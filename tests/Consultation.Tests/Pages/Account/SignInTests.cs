namespace Consultation.Tests.Pages.Account;

using System.Net;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Demo;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

public sealed class SignInTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("fr-FR,fr;q=0.9", "fr")]
    [InlineData("ko-KR,ko;q=0.9", "ko")]
    public async Task SignIn_InTheBrowsersLanguage_IsLocalized_AndLandsOnTheStartPage(string acceptLanguage, string language)
    {
        var email = await app.CreateStaffAsync(StaffRoles.Organiser, MemberRole.Organiser);
        var client = app.Respondent(acceptLanguage);
        var page = await Staff.SignInPageAsync(client);
        Assert.Equal(language, page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(Localized.Text(language, "Sign in"), page.Document.Text("h1"));
        Assert.StartsWith(Localized.Text(language, "Sign in") + " – ", page.Document.Title, StringComparison.Ordinal);

        var response = await client.SignInAsync(page, email, AppFactory.StaffPassword);

        await ResponseAssert.RedirectsTo("/staff", response);
        var start = await client.GetPageAsync("/staff");
        Assert.Equal(Localized.Text(language, "Your consultations"), start.Text("h1"));
        Assert.Contains(start.QuerySelectorAll("a"), a => a.GetAttribute("href")?.StartsWith("/organise/", StringComparison.Ordinal) == true);
        Assert.Contains(await AuditAsync(email), e => e.Action == AuditActions.SignedIn);
        Assert.Equal(language, await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.InterfaceLanguage).SingleAsync()));
    }

    [Fact]
    public async Task WrongPassword_SaysSoWithoutTellingWhichWasWrong_AndIsAudited()
    {
        var email = await app.CreateStaffAsync(StaffRoles.Analyst);
        var client = app.Respondent("ja");
        var page = await Staff.SignInPageAsync(client);

        var response = await client.SignInAsync(page, email, "not the password at all");
        var unknown = await client.SignInAsync(page, "nobody@example.org", "not the password at all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = Localized.Text("ja", "The email address or password is not correct.");
        Assert.Contains(message, (await Html.ParseAsync(response)).Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Contains(message, (await Html.ParseAsync(unknown)).Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Equal(email, (await Html.ParseAsync(response)).QuerySelector("#email")!.GetAttribute("value"));
        Assert.Contains(await AuditAsync(email), e => e.Action == AuditActions.SignInFailed);
        Assert.Contains(await AuditAsync("nobody@example.org"), e => e.Action == AuditActions.SignInFailed && e.UserId == null);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/staff")).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example/steal")]
    public async Task ReturnUrlToAnotherHost_IsRefused_InFavourOfTheStartPage(string returnUrl)
    {
        var client = app.Respondent();
        var page = await Staff.SignInPageAsync(client, returnUrl);

        var response = await client.SignInAsync(page, DemoSeeder.AnalystEmail, AppFactory.StaffPassword);

        await ResponseAssert.RedirectsTo("/staff", response);
    }

    [Fact]
    public async Task ReturnUrlOnThisSite_IsFollowed()
    {
        var client = app.Respondent();
        var sentToSignIn = await client.GetAsync("/analyse");
        Assert.Contains("/account/sign-in?ReturnUrl=%2Fanalyse", sentToSignIn.Headers.Location!.ToString(), StringComparison.Ordinal);
        var page = await Staff.SignInPageAsync(client, "/analyse");

        await ResponseAssert.RedirectsTo("/analyse", await client.SignInAsync(page, DemoSeeder.AnalystEmail, AppFactory.StaffPassword));
    }

    [Fact]
    public async Task MissingFields_GetLocalizedMessagesNextToThem()
    {
        var client = app.Respondent("fr");
        var page = await Staff.SignInPageAsync(client);

        var response = await client.SignInAsync(page, "not-an-address", "");

        var form = await Html.ParseAsync(response);
        Assert.EndsWith(Localized.Text("fr", "Enter an email address in the correct format, like name@example.org."), form.Text("#email-error"), StringComparison.Ordinal);
        Assert.EndsWith(Localized.Text("fr", "Enter your password"), form.Text("#password-error"), StringComparison.Ordinal);
        Assert.Equal("true", form.QuerySelector("#password")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task SignOut_EndsTheSession_AndACopiedCookieStopsWorking()
    {
        var email = await app.CreateStaffAsync(StaffRoles.Analyst);
        var browser = new CookieJarClient(app);
        var page = new LoadedPage(await Html.ParseAsync(await browser.SendAsync(HttpMethod.Get, Staff.SignInPath)), Staff.SignInPath);
        var signIn = Html.FormValues((AngleSharp.Html.Dom.IHtmlFormElement)page.Document.QuerySelector("main form")!,
            new Dictionary<string, string[]> { ["Input.Email"] = [email], ["Input.Password"] = [AppFactory.StaffPassword] });
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SendAsync(HttpMethod.Post, Staff.SignInPath, signIn)).StatusCode);
        var copiedCookies = browser.CookieHeader;
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(HttpMethod.Get, "/analyse")).StatusCode);

        var start = await Html.ParseAsync(await browser.SendAsync(HttpMethod.Get, "/staff"));
        var signOut = Html.FormValues((AngleSharp.Html.Dom.IHtmlFormElement)start.QuerySelector("form[action='/account/sign-out']")!);
        var signedOut = await browser.SendAsync(HttpMethod.Post, "/account/sign-out", signOut);

        Assert.Equal("/", signedOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SendAsync(HttpMethod.Get, "/analyse")).StatusCode);
        // The stamp is checked on every request after the moment the cookie was issued; let a moment pass on the test clock.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var thief = new CookieJarClient(app, copiedCookies);
        Assert.Equal(HttpStatusCode.Redirect, (await thief.SendAsync(HttpMethod.Get, "/analyse")).StatusCode);
        Assert.Contains(await AuditAsync(email), e => e.Action == AuditActions.SignedOut);
    }

    [Fact]
    public async Task ChoosingALanguage_WhenSignedIn_IsStoredWithTheAccount_AndFollowsThePersonToAnotherDevice()
    {
        var email = await app.CreateStaffAsync(StaffRoles.Analyst);
        var laptop = await app.SignedInAsync(email);

        await laptop.GetPageAsync("/staff?lang=ko");
        var phone = await app.SignedInAsync(email, acceptLanguage: "en-GB");
        var start = await phone.GetPageAsync("/staff");

        Assert.Equal("ko", start.DocumentElement.GetAttribute("lang"));
        Assert.Equal("ko", await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.InterfaceLanguage).SingleAsync()));
    }

    private Task<List<AuditEvent>> AuditAsync(string actor) =>
        app.WithDbAsync(db => db.AuditEvents.Where(e => e.Actor == actor).AsNoTracking().ToListAsync());
}
