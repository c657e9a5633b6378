namespace Consultation.Tests.Infrastructure;

using System.Net;
using Consultation.Tests.Support;
using Consultation.Web.Demo;
using Microsoft.EntityFrameworkCore;

public sealed class DataProtectionTests
{
    [Fact]
    public async Task KeysLiveInTheDatabase_SoASecondNodeAcceptsTheFirstNodesSignInCookie()
    {
        await using var first = new AppFactory();
        var browser = new CookieJarClient(first);
        var page = await Html.ParseAsync(await browser.SendAsync(HttpMethod.Get, Staff.SignInPath));
        var form = Html.FormValues((AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("main form")!,
            new Dictionary<string, string[]> { ["Input.Email"] = [DemoSeeder.AdminEmail], ["Input.Password"] = [AppFactory.StaffPassword] });
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SendAsync(HttpMethod.Post, Staff.SignInPath, form)).StatusCode);
        Assert.True(await first.WithDbAsync(db => db.DataProtectionKeys.AnyAsync()));

        await using var second = AppFactory.OnDatabase(first.ConnectionString);
        var sameBrowserOnTheSecondNode = new CookieJarClient(second, browser.CookieHeader);

        Assert.Equal(HttpStatusCode.OK, (await sameBrowserOnTheSecondNode.SendAsync(HttpMethod.Get, "/admin")).StatusCode);
    }

    [Fact]
    public async Task AnAntiforgeryTokenFromOneNode_IsAcceptedByAnother()
    {
        await using var first = new AppFactory();
        var browser = new CookieJarClient(first);
        var form = await Html.ParseAsync(await browser.SendAsync(HttpMethod.Get, "/c/ai-safety-priorities/answer"));

        await using var second = AppFactory.OnDatabase(first.ConnectionString);
        var answerForm = (AngleSharp.Html.Dom.IHtmlFormElement)form.QuerySelector("#answer-form")!;
        var values = Html.FormValues(answerForm, DemoAnswers.Valid());
        var saved = await new CookieJarClient(second, browser.CookieHeader).SendAsync(HttpMethod.Post, answerForm.GetAttribute("action")!, values);

        // Accepted: the page is saved and the respondent moves on (a refused token shows the page again, saving nothing).
        await ResponseAssert.RedirectsTo("/c/ai-safety-priorities/answer/2", saved);
    }
}
