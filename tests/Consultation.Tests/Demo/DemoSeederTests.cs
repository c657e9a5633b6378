namespace Consultation.Tests.Demo;

using Consultation.Tests.Support;
using Consultation.Web.Demo;
using Microsoft.EntityFrameworkCore;

public sealed class DemoSeederTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Seed_RunAgain_AddsNothing_AndGivesTheSameLinks()
    {
        var first = await app.DemoAsync();
        var counts = await app.WithDbAsync(async db => (await db.Consultations.CountAsync(), await db.Invitations.CountAsync(), await db.ContentTexts.CountAsync()));

        var second = await app.DemoAsync();

        Assert.Equal(first.PersonalLinks, second.PersonalLinks);
        Assert.Equal(counts, await app.WithDbAsync(async db => (await db.Consultations.CountAsync(), await db.Invitations.CountAsync(), await db.ContentTexts.CountAsync())));
    }

    [Fact]
    public async Task Seed_InvitesStakeholdersInSeveralLanguages_IncludingKorean()
    {
        var demo = await app.DemoAsync();

        Assert.Contains(demo.PersonalLinks, l => l.Language == "ko");
        Assert.True(demo.PersonalLinks.Select(l => l.Language).Distinct().Count() >= 4);
        Assert.All(demo.PersonalLinks, l => Assert.Matches("^/r/[A-Za-z0-9_-]{22}$", l.Path));
    }

    [Fact]
    public async Task Seed_GivesEveryTextInEveryOfferedLanguage()
    {
        var version = await app.WithDbAsync(db => db.QuestionnaireVersions.SingleAsync());
        var snapshot = version.Snapshot;
        var english = snapshot.Texts["en"];

        Assert.Equal(["en", "fr", "ja", "ko", "sw"], snapshot.Languages);
        foreach (var language in snapshot.Languages)
            Assert.Equal(english.Keys.Order(), snapshot.Texts[language].Keys.Order());
    }

    [Fact]
    public async Task Seed_ShowsTheOrganisationSizeOnlyToOrganisations()
    {
        var snapshot = (await app.WithDbAsync(db => db.QuestionnaireVersions.SingleAsync())).Snapshot;

        Assert.Equal("respondent_type != 'individual'", snapshot.FindQuestion("organisation_size")!.ShowIf);
    }
}
