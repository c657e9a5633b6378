namespace Consultation.Tests.Infrastructure;

using System.Net;
using Consultation.Tests.Support;
using Consultation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

/// <summary>The keys named consultations' links are derived from: checked at start-up, rotated, removed (ADR 0018).</summary>
public sealed class InvitationLinksTests
{
    private static readonly string NextKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string OldKey = Convert.ToBase64String(Enumerable.Range(100, 48).Select(i => (byte)i).ToArray());

    [Theory]
    [InlineData("", null, "InvitationLinks:CurrentKeyId is not set")]
    [InlineData("k1", null, "InvitationLinks:Keys:k1 is not set")]
    [InlineData("k1", "c2hvcnQ=", "InvitationLinks:Keys:k1 holds 5 bytes; a key needs at least 32")]
    [InlineData("k1", "not base64!", "InvitationLinks:Keys:k1 is not base64")]
    public void MissingOrShortKeys_AreRefused_NamingTheSetting(string currentKeyId, string? secret, string problem)
    {
        var options = new InvitationLinkOptions { CurrentKeyId = currentKeyId };
        if (secret is not null)
            options.Keys["k1"] = secret;

        var result = new InvitationLinkOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(problem, result.FailureMessage, StringComparison.Ordinal);
        if (secret is not null)
            Assert.DoesNotContain(secret, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AConfiguredCurrentKeyOfThirtyTwoBytes_IsAccepted() =>
        Assert.True(new InvitationLinkOptionsValidator().Validate(null, new InvitationLinkOptions { CurrentKeyId = "k1", Keys = { ["k1"] = NextKey } }).Succeeded);

    [Fact]
    public void AnAppWithAShortKey_DoesNotStart_AndSaysWhichSetting()
    {
        var secret = Convert.ToBase64String(new byte[16]);
        using var app = AppFactory.With(new Dictionary<string, string?> { ["InvitationLinks:CurrentKeyId"] = "short", ["InvitationLinks:Keys:short"] = secret });

        var e = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("InvitationLinks:Keys:short holds 16 bytes", e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARotatedKey_StillOpensTheOldKeysLinks_WhileNewInvitationsUseTheNewKey()
    {
        using var before = new AppFactory();
        var old = await before.InviteAsync(anonymous: false);
        using var after = AppFactory.OnDatabase(before.ConnectionString, new Dictionary<string, string?>
        {
            ["InvitationLinks:CurrentKeyId"] = "next",
            ["InvitationLinks:Keys:next"] = NextKey,
        });

        var newer = await after.InviteAsync(anonymous: false);

        Assert.Equal(old.Path, new Uri((await after.LinkForAsync(old.InvitationId))!).AbsolutePath);
        Assert.NotNull((await after.Respondent().GetPageAsync($"{old.Path}/answer")).QuerySelector("#answer-form"));
        Assert.NotNull((await after.Respondent().GetPageAsync($"{newer.Path}/answer")).QuerySelector("#answer-form"));
        Assert.Equal(["next"], await after.WithDbAsync(db => db.Invitations.Where(i => i.Id == newer.InvitationId).SelectMany(i => i.Links).Select(l => l.KeyId).ToListAsync()));
        Assert.Equal([AppFactory.LinkKeyId], await after.WithDbAsync(db => db.Invitations.Where(i => i.Id == old.InvitationId).SelectMany(i => i.Links).Select(l => l.KeyId).ToListAsync()));
    }

    [Fact]
    public async Task ALinkFromARemovedKey_NoLongerOpens_LikeAnUnknownLink_AndTheCurrentKeyGivesAWorkingOne()
    {
        using var before = AppFactory.With(new Dictionary<string, string?> { ["InvitationLinks:CurrentKeyId"] = "old", ["InvitationLinks:Keys:old"] = OldKey });
        var invited = await before.InviteAsync(anonymous: false, language: "fr");
        Assert.Equal(HttpStatusCode.OK, (await before.Respondent().GetAsync(invited.Path)).StatusCode);
        // The same database, its "old" key taken out of configuration.
        using var after = AppFactory.OnDatabase(before.ConnectionString);

        var removed = await after.Respondent().GetAsync(invited.Path);
        var unknown = await after.Respondent().GetAsync($"/r/{Consultation.Web.Domain.InvitationToken.New()}");

        Assert.Equal(HttpStatusCode.NotFound, removed.StatusCode);
        Assert.Equal(unknown.StatusCode, removed.StatusCode);
        Assert.Equal(Localized.Text("en", "This link does not work"), (await Html.ParseAsync(removed)).Text("h1"));
        Assert.Null(await after.LinkForAsync(invited.InvitationId));
        var current = await after.FreshLinkAsync(invited.InvitationId);
        Assert.Equal(current, new Uri((await after.LinkForAsync(invited.InvitationId))!).AbsolutePath);
        Assert.NotNull((await after.Respondent().GetPageAsync($"{current}/answer")).QuerySelector("#answer-form"));
    }
}
