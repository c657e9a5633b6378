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

/// <summary>The demo with its own mailbox, as a new user starts it: its invitations arrive there as real emails.</summary>
[Collection(Consultation.Tests.Jobs.JobServers.Name)]
public sealed class DemoInvitationEmailTests
{
    [Fact]
    public async Task TheDemosFiveInvitations_ArriveInItsMailbox_InFiveLanguages_WithTheirLinks_AndOneClickUnsubscribe()
    {
        await using var app = AppFactory.With(new Dictionary<string, string?> { ["Email:InProcessServer"] = "true" });
        var demo = await app.DemoAsync();

        await Consultation.Tests.Email.InvitationDeliveryTests.DeliverAsync(app);
        var received = await WaitForAsync(app, demo.PersonalLinks.Count);

        var messages = received.Select(r => MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(r.Raw)))).ToList();
        Assert.Equal(["en", "fr", "ja", "ko", "sw"], messages.Select(m => m.Body!.Headers[MimeKit.HeaderId.ContentLanguage]).Order());
        foreach (var (path, language) in demo.PersonalLinks)
        {
            var message = Assert.Single(messages, m => m.TextBody?.Contains(path + "\n", StringComparison.Ordinal) == true
                || m.TextBody?.Contains(path + "\r\n", StringComparison.Ordinal) == true);
            Assert.Equal(language, message.Body!.Headers[MimeKit.HeaderId.ContentLanguage]);
            Assert.EndsWith($"{path}/opt-out>", message.Headers["List-Unsubscribe"], StringComparison.Ordinal);
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        }

        await app.DemoAsync();
        await Consultation.Tests.Email.InvitationDeliveryTests.DeliverAsync(app);
        Assert.Equal(demo.PersonalLinks.Count, await app.WithDbAsync(db => db.ReceivedEmails.CountAsync()));
    }

    private static async Task<List<Consultation.Web.Domain.ReceivedEmail>> WaitForAsync(AppFactory app, int count)
    {
        for (var i = 0; i < 100; i++)
        {
            var received = await app.WithDbAsync(db => db.ReceivedEmails.AsNoTracking().ToListAsync());
            if (received.Count >= count)
                return received;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The demo's mailbox did not receive {count} emails.");
    }
}
