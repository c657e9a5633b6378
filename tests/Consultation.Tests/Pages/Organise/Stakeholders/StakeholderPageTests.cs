namespace Consultation.Tests.Pages.Organise.Stakeholders;

using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>Adding and editing one person of the registry, and the consultations they were invited to.</summary>
public sealed class StakeholderPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("佐藤 結衣", "東京AIラボ")]
    [InlineData("김민준", "서울 디지털 권리 포럼")]
    [InlineData("محمد الأحمد", "مركز السياسات الرقمية")]
    [InlineData("தமிழ்செல்வி முருகன்", "சென்னை ஆய்வகம்")]
    public async Task New_ThenEdit_KeepsNamesInAnyScript(string name, string organisation)
    {
        var organiser = await OrganiserAsync();
        var email = $"{Guid.NewGuid():N}@example.org";

        var created = await organiser.SubmitAsync(await organiser.GetPageAsync("/organise/stakeholders/new"),
            Fields(name, email, organisation), "#stakeholder-form", pagePath: "/organise/stakeholders/new");

        var id = await app.WithDbAsync(db => db.Stakeholders.Where(s => s.NormalisedEmail == email).Select(s => s.Id).SingleAsync());
        await ResponseAssert.RedirectsTo($"/organise/stakeholders/{id}?saved=True", created);
        var page = await organiser.GetPageAsync($"/organise/stakeholders/{id}");
        Assert.Equal(name, page.Text("h1"));
        Assert.Equal(organisation, page.QuerySelector<IHtmlInputElement>("#Input_Organisation")!.Value);
        Assert.Equal(["consulted", "2026"], await app.WithDbAsync(db => db.Stakeholders.Where(s => s.Id == id).Select(s => s.Tags).SingleAsync()));
        Assert.Contains(name, (await organiser.GetPageAsync($"/organise/stakeholders?q={Uri.EscapeDataString(name)}")).Text("[data-registry]"), StringComparison.Ordinal);

        var edited = await organiser.SubmitAsync(page, new Dictionary<string, string[]> { ["Input.Name"] = [name + " 2"], ["Input.NeverEmail"] = ["true"] },
            "#stakeholder-form", pagePath: $"/organise/stakeholders/{id}");
        await ResponseAssert.RedirectsTo($"/organise/stakeholders/{id}?saved=True", edited);
        var saved = await app.WithDbAsync(db => db.Stakeholders.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal(name + " 2", saved.Name);
        Assert.True(saved.NeverEmail);
        Assert.Equal("Asia/Tokyo", saved.TimeZone);
    }

    [Fact]
    public async Task Edit_RefusesAMalformedEmail_AnUnknownTimeZone_AndAnUnknownCountry_InTheReadersLanguage_KeepingWhatWasTyped()
    {
        var organiser = await OrganiserAsync("fr");
        var id = await AddAsync("Amélie Laurent", $"{Guid.NewGuid():N}@example.org");
        var path = $"/organise/stakeholders/{id}";

        var refused = await organiser.SubmitAsync(await organiser.GetPageAsync(path), new Dictionary<string, string[]>
        {
            ["Input.Name"] = ["Amélie Laurent-Dubois"],
            ["Input.Email"] = ["amelie at example.org"],
            ["Input.TimeZone"] = ["Mars/Olympus"],
            ["Input.Country"] = ["XX"],
            ["Input.Notes"] = ["Rencontrée à Lyon"],
        }, "#stakeholder-form", pagePath: path);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        var summary = page.Text("[data-error-summary]");
        Assert.Contains(Localized.Text("fr", "Enter an email address in the right shape, like name@example.org"), summary, StringComparison.Ordinal);
        Assert.Contains(Localized.Text("fr", "Choose a time zone from the list."), summary, StringComparison.Ordinal);
        Assert.Contains(Localized.Text("fr", "Choose a country from the list."), summary, StringComparison.Ordinal);
        Assert.Equal("Amélie Laurent-Dubois", page.QuerySelector<IHtmlInputElement>("#Input_Name")!.Value);
        Assert.Equal("amelie at example.org", page.QuerySelector<IHtmlInputElement>("#Input_Email")!.Value);
        Assert.Equal("Rencontrée à Lyon", page.QuerySelector<IHtmlTextAreaElement>("#Input_Notes")!.Value);
        Assert.Equal("Amélie Laurent", await app.WithDbAsync(db => db.Stakeholders.Where(s => s.Id == id).Select(s => s.Name).SingleAsync()));
    }

    [Fact]
    public async Task NewAndEdit_RefuseAnAddressSomeoneElseHas_WhateverItsCase()
    {
        var organiser = await OrganiserAsync("ja");
        var taken = $"{Guid.NewGuid():N}@example.org";
        await AddAsync("Oliver Grant", taken);
        var other = await AddAsync("Sato Yui", $"{Guid.NewGuid():N}@example.org");

        var added = await organiser.SubmitAsync(await organiser.GetPageAsync("/organise/stakeholders/new"),
            Fields("佐藤 結衣", " " + taken.ToUpperInvariant(), null), "#stakeholder-form", pagePath: "/organise/stakeholders/new");
        var edited = await organiser.SubmitAsync(await organiser.GetPageAsync($"/organise/stakeholders/{other}"),
            new Dictionary<string, string[]> { ["Input.Email"] = [taken] }, "#stakeholder-form", pagePath: $"/organise/stakeholders/{other}");

        Assert.Contains(Localized.Text("ja", "Someone in the registry already has the address {0}.", taken.ToUpperInvariant()),
            (await Html.ParseAsync(added)).Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Contains(Localized.Text("ja", "Someone in the registry already has the address {0}.", taken),
            (await Html.ParseAsync(edited)).Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Stakeholders.CountAsync(s => s.NormalisedEmail == taken)));
    }

    [Fact]
    public async Task Edit_FromAPageReadBeforeSomeoneElsesSave_IsRefused_AndKeepsTheirs()
    {
        var first = await OrganiserAsync();
        var second = await OrganiserAsync();
        var id = await AddAsync("Wanjiru Kamau", $"{Guid.NewGuid():N}@example.org");
        var path = $"/organise/stakeholders/{id}";
        var firstPage = await first.GetPageAsync(path);
        var secondPage = await second.GetPageAsync(path);

        await ResponseAssert.RedirectsTo($"{path}?saved=True", await first.SubmitAsync(firstPage,
            new Dictionary<string, string[]> { ["Input.Organisation"] = ["Nairobi Tech Policy Centre"] }, "#stakeholder-form", pagePath: path));
        var refused = await second.SubmitAsync(secondPage,
            new Dictionary<string, string[]> { ["Input.Organisation"] = ["Mombasa"] }, "#stakeholder-form", pagePath: path);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        Assert.Contains(Localized.Text("en", "Someone else saved changes to this person while you were editing. Nothing you typed here was saved: check it below and save again to replace their changes."),
            page.Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Equal("Mombasa", page.QuerySelector<IHtmlInputElement>("#Input_Organisation")!.Value);
        Assert.Equal("Nairobi Tech Policy Centre", await app.WithDbAsync(db => db.Stakeholders.Where(s => s.Id == id).Select(s => s.Organisation).SingleAsync()));
    }

    [Fact]
    public async Task Invitations_ShowEachConsultationAndItsState_WithoutTimesInAnAnonymousOne()
    {
        var organiser = await OrganiserAsync();
        var id = await AddAsync("Kim Min-jun", $"{Guid.NewGuid():N}@example.org");
        var now = app.Clock.GetUtcNow();
        var (named, anonymous) = await app.WithDbAsync(async db =>
        {
            var person = await db.Stakeholders.SingleAsync(s => s.Id == id);
            var namedOne = Consultation.Create($"named-{Guid.NewGuid():N}"[..20], "en", ["en"], AccessMode.InvitedOnly, false, 5, now);
            var anonymousOne = Consultation.Create($"anon-{Guid.NewGuid():N}"[..20], "en", ["en"], AccessMode.InvitedOnly, true, 5, now);
            db.Consultations.AddRange(namedOne, anonymousOne);
            var toNamed = Invitation.Issue(namedOne, person, InvitationToken.New(), now);
            var toAnonymous = Invitation.Issue(anonymousOne, person, InvitationToken.New(), now);
            toNamed.Complete(now);
            toAnonymous.Complete(now, anonymously: true);
            db.Invitations.AddRange(toNamed, toAnonymous);
            await db.SaveChangesAsync();
            return (namedOne.Id, anonymousOne.Id);
        });

        var page = await organiser.GetPageAsync($"/organise/stakeholders/{id}");

        var namedRow = page.QuerySelector($"[data-invitation='{named}']")!;
        var anonymousRow = page.QuerySelector($"[data-invitation='{anonymous}']")!;
        Assert.Equal("Completed", namedRow.Children[2].TextContent.Trim());
        Assert.NotEmpty(namedRow.Children[4].TextContent.Trim());
        Assert.Equal("Completed", anonymousRow.Children[2].TextContent.Trim());
        Assert.Empty(anonymousRow.Children[3].TextContent.Trim());
        Assert.Empty(anonymousRow.Children[4].TextContent.Trim());
    }

    [Fact]
    public async Task Invitations_ShowDeclined_AndOptedOutOfEmails_BesideTheStatus()
    {
        var organiser = await OrganiserAsync();
        var id = await AddAsync("Amina Juma", $"{Guid.NewGuid():N}@example.org");
        var now = app.Clock.GetUtcNow();
        var (declined, optedOut) = await app.WithDbAsync(async db =>
        {
            var person = await db.Stakeholders.SingleAsync(s => s.Id == id);
            var first = Consultation.Create($"decl-{Guid.NewGuid():N}"[..20], "en", ["en"], AccessMode.InvitedOnly, false, 5, now);
            var second = Consultation.Create($"optd-{Guid.NewGuid():N}"[..20], "en", ["en"], AccessMode.InvitedOnly, false, 5, now);
            db.Consultations.AddRange(first, second);
            var toFirst = Invitation.Issue(first, person, InvitationToken.New(), now);
            var toSecond = Invitation.Issue(second, person, InvitationToken.New(), now);
            toFirst.Decline(now, anonymously: false);
            toSecond.OptOut(now, anonymously: false);
            db.Invitations.AddRange(toFirst, toSecond);
            await db.SaveChangesAsync();
            return (first.Id, second.Id);
        });

        var page = await organiser.GetPageAsync($"/organise/stakeholders/{id}");

        var declinedCell = page.QuerySelector($"[data-invitation='{declined}']")!.Children[2];
        var optedOutCell = page.QuerySelector($"[data-invitation='{optedOut}']")!.Children[2];
        Assert.Equal(Localized.Text("en", "Declined"), declinedCell.TextContent.Trim());
        Assert.Null(declinedCell.QuerySelector("[data-opted-out]"));
        Assert.Equal(Localized.Text("en", "Opted out of emails"), optedOutCell.QuerySelector("[data-opted-out]")!.TextContent.Trim());
    }

    private async Task<HttpClient> OrganiserAsync(string language = "en") =>
        await app.SignedInAsync(await app.CreateStaffAsync(StaffRoles.Organiser), acceptLanguage: language);

    private static Dictionary<string, string[]> Fields(string name, string email, string? organisation) => new()
    {
        ["Input.Name"] = [name],
        ["Input.Email"] = [email],
        ["Input.Organisation"] = [organisation ?? ""],
        ["Input.Sector"] = ["Academia"],
        ["Input.Country"] = ["JP"],
        ["Input.PreferredLanguage"] = ["ja"],
        ["Input.TimeZone"] = ["Asia/Tokyo"],
        ["Input.Tags"] = ["consulted, 2026, Consulted"],
        ["Input.ConsentGiven"] = ["true"],
        ["Input.ConsentDate"] = ["2026-11-02"],
        ["Input.ConsentSource"] = ["Workshop form"],
    };

    private Task<Guid> AddAsync(string name, string email) => app.WithDbAsync(async db =>
    {
        var person = Stakeholder.Create(name, email, null, Sector.Other, "KE", "en", app.Clock.GetUtcNow());
        db.Stakeholders.Add(person);
        await db.SaveChangesAsync();
        return person.Id;
    });
}
