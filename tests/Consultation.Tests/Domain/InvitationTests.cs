namespace Consultation.Tests.Domain;

using Consultation.Web.Domain;

/// <summary>An invitation's links (ADR 0018): derived and made again in named consultations, random and fresh in anonymous ones.</summary>
public sealed class InvitationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly InvitationLinkKey Key = new("k1", [.. Enumerable.Range(0, 32).Select(i => (byte)i)]);
    private static readonly InvitationLinkKey OtherKey = new("k2", [.. Enumerable.Range(50, 32).Select(i => (byte)i)]);

    private static Consultation New(bool anonymous) =>
        Consultation.Create($"c-{Guid.NewGuid():N}"[..12], "en", ["en"], AccessMode.InvitedOnly, anonymous, 5, Now);

    private static Stakeholder Person() => Stakeholder.Create("Ada Person", $"{Guid.NewGuid():N}@example.org", null, Sector.Other, "KE", "en", Now);

    [Fact]
    public void ANamedInvitation_DerivesTheSameTokenEachTime_AndKeepsOneLinkPerKey()
    {
        var consultation = New(anonymous: false);
        var invitation = Invitation.Issue(consultation, Person(), Key, Now);

        var token = invitation.Derive(consultation, Key, Now);

        Assert.Equal(token, invitation.Derive(consultation, Key, Now));
        Assert.Equal(Key.TokenFor(invitation.Id), token);
        var link = Assert.Single(invitation.Links);
        Assert.Equal("k1", link.KeyId);
        Assert.Equal(InvitationToken.Hash(token), link.TokenHash);
        Assert.Same(link, invitation.Link(InvitationToken.Hash(token)!));
    }

    [Fact]
    public void AnotherKey_DerivesAnotherToken_AddedAsASecondLink()
    {
        var consultation = New(anonymous: false);
        var invitation = Invitation.Issue(consultation, Person(), Key, Now);

        var other = invitation.Derive(consultation, OtherKey, Now);

        Assert.NotEqual(Key.TokenFor(invitation.Id), other);
        Assert.Equal(["k1", "k2"], invitation.Links.Select(l => l.KeyId));
    }

    [Fact]
    public void TheSameKey_DerivesDifferentTokens_ForDifferentInvitations() =>
        Assert.NotEqual(Key.TokenFor(Guid.NewGuid()), Key.TokenFor(Guid.NewGuid()));

    [Fact]
    public void AnAnonymousConsultation_NeverGetsADerivedLink()
    {
        var consultation = New(anonymous: true);
        var invitation = Invitation.Issue(consultation, Person(), InvitationToken.New(), Now);

        Assert.Throws<DomainException>(() => Invitation.Issue(consultation, Person(), Key, Now));
        Assert.Throws<DomainException>(() => invitation.Derive(consultation, Key, Now));
        Assert.All(invitation.Links, l => Assert.Null(l.KeyId));
    }

    [Fact]
    public void AnAnonymousInvitation_Reissued_KeepsItsEarlierLinks()
    {
        var consultation = New(anonymous: true);
        var first = InvitationToken.New();
        var invitation = Invitation.Issue(consultation, Person(), first, Now);
        var second = InvitationToken.New();

        invitation.Reissue(consultation, second, Now.AddDays(7));

        Assert.NotNull(invitation.Link(InvitationToken.Hash(first)!));
        Assert.NotNull(invitation.Link(InvitationToken.Hash(second)!));
        Assert.Equal(2, invitation.Links.Count);
    }

    [Fact]
    public void ANamedInvitation_IsNotReissuedWithARandomLink()
    {
        var consultation = New(anonymous: false);
        var invitation = Invitation.Issue(consultation, Person(), Key, Now);

        Assert.Throws<DomainException>(() => invitation.Reissue(consultation, InvitationToken.New(), Now));
        Assert.Single(invitation.Links);
    }

    [Fact]
    public void ARevokedOrCompletedInvitation_GetsNoFreshLink()
    {
        var consultation = New(anonymous: true);
        var revoked = Invitation.Issue(consultation, Person(), InvitationToken.New(), Now);
        revoked.Revoke(Now);
        var completed = Invitation.Issue(consultation, Person(), InvitationToken.New(), Now);
        completed.Complete(Now, anonymously: true);

        Assert.Throws<DomainException>(() => revoked.Reissue(consultation, InvitationToken.New(), Now));
        Assert.Throws<DomainException>(() => completed.Reissue(consultation, InvitationToken.New(), Now));
        Assert.Single(revoked.Links);
        Assert.Single(completed.Links);
    }

    [Fact]
    public void AnInvitation_GetsNoLinkThroughAnotherConsultation()
    {
        var invitation = Invitation.Issue(New(anonymous: true), Person(), InvitationToken.New(), Now);

        Assert.Throws<DomainException>(() => invitation.Reissue(New(anonymous: true), InvitationToken.New(), Now));
    }

    [Fact]
    public void ALinkKey_RefusesAShortSecret_AndNeverShowsIt()
    {
        Assert.Throws<ArgumentException>(() => new InvitationLinkKey("k1", new byte[31]));
        Assert.Throws<ArgumentException>(() => new InvitationLinkKey("k 1", new byte[32]));
        Assert.Equal("InvitationLinkKey k1", Key.ToString());
    }

    [Fact]
    public void DecliningAndOptingOut_AreIdempotent_KeepTheLinkUsable_AndOnlyAWithdrawnInvitationRefusesThem()
    {
        var consultation = New(anonymous: false);
        var invitation = Invitation.Issue(consultation, Person(), InvitationToken.New(), Now);

        invitation.Decline(Now, anonymously: false);
        invitation.Decline(Now.AddDays(1), anonymously: false);
        invitation.OptOut(Now, anonymously: false);
        invitation.OptOut(Now.AddDays(1), anonymously: false);

        Assert.Equal(InvitationStatus.Declined, invitation.Status);
        Assert.Equal(Now, invitation.DeclinedAt);
        Assert.Equal(Now, invitation.OptedOutAt);
        Assert.True(invitation.IsUsable);
        Assert.False(invitation.MayBeEmailed(neverEmail: false));
        invitation.Complete(Now.AddDays(2));
        Assert.True(invitation.IsCompleted);
        Assert.True(invitation.HasOptedOut);
        Assert.Throws<DomainException>(() => invitation.Decline(Now, anonymously: false));

        var revoked = Invitation.Issue(consultation, Person(), InvitationToken.New(), Now);
        revoked.Revoke(Now);
        Assert.Throws<DomainException>(() => revoked.Decline(Now, anonymously: false));
        Assert.Throws<DomainException>(() => revoked.OptOut(Now, anonymously: false));
    }

    [Fact]
    public void AnInvitation_MayBeEmailed_UntilItsPersonIsMarkedNeverEmail()
    {
        var invitation = Invitation.Issue(New(anonymous: false), Person(), InvitationToken.New(), Now);

        Assert.True(invitation.MayBeEmailed(neverEmail: false));
        Assert.False(invitation.MayBeEmailed(neverEmail: true));
    }
}
