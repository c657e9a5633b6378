namespace Consultation.Tests.Domain;

using Consultation.Web.Domain;

public sealed class StakeholderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private static StakeholderDetails Valid() => new("佐藤 結衣", " Yui.Sato@Example.org ", "東京AIラボ", Sector.Industry, "jp", "ja")
    {
        TimeZone = "Asia/Tokyo",
        Tags = [" industry ", "Industry", "", "evaluation"],
        ConsentGiven = true,
        ConsentDate = new DateOnly(2026, 11, 2),
        ConsentSource = "Workshop form",
        Notes = "Line one\r\nLine two",
    };

    [Fact]
    public void Create_KeepsEveryDetail_Tidied_AndNormalisesTheAddressForComparison()
    {
        var person = Stakeholder.Create(Valid(), Now);

        Assert.Equal("佐藤 結衣", person.Name);
        Assert.Equal("Yui.Sato@Example.org", person.Email);
        Assert.Equal("yui.sato@example.org", person.NormalisedEmail);
        Assert.Equal("JP", person.Country);
        Assert.Equal("Asia/Tokyo", person.TimeZone);
        Assert.Equal(["industry", "evaluation"], person.Tags);
        Assert.True(person.ConsentGiven);
        Assert.Equal(new DateOnly(2026, 11, 2), person.ConsentDate);
        Assert.Equal("Line one\nLine two", person.Notes);
        Assert.Equal(Now, person.CreatedAt);
        Assert.Null(person.UpdatedAt);
    }

    [Theory]
    [InlineData("no-at-sign")]
    [InlineData("a b@example.org")]
    [InlineData("Name <name@example.org>")]
    [InlineData("x@@example.org")]
    public void Create_RefusesWhatIsNotAnEmailAddress(string email) =>
        Assert.Throws<DomainException>(() => Stakeholder.Create(Valid() with { Email = email }, Now));

    [Fact]
    public void Edit_RefusesAnUnknownTimeZone_Country_ABlankName_TooManyTags_AndConsentWithoutADate()
    {
        var person = Stakeholder.Create(Valid(), Now);

        Assert.Equal("'{0}' is not a time zone.", Assert.Throws<DomainException>(() => person.Edit(Valid() with { TimeZone = "Mars/Olympus" }, Now)).Template);
        Assert.Equal("'{0}' is not an ISO 3166-1 country code.", Assert.Throws<DomainException>(() => person.Edit(Valid() with { Country = "XX" }, Now)).Template);
        Assert.Throws<DomainException>(() => person.Edit(Valid() with { Name = "  " }, Now));
        Assert.Throws<DomainException>(() => person.Edit(Valid() with { Tags = [.. Enumerable.Range(0, Stakeholder.MaxTags + 1).Select(i => $"t{i}")] }, Now));
        Assert.Throws<DomainException>(() => person.Edit(Valid() with { Tags = [new string('t', Stakeholder.TagLength + 1)] }, Now));
        Assert.Throws<DomainException>(() => person.Edit(Valid() with { ConsentDate = null }, Now));
        Assert.Throws<DomainException>(() => person.Edit(Valid() with { Notes = new string('n', Stakeholder.NotesLength + 1) }, Now));
        Assert.Equal("Asia/Tokyo", person.TimeZone);
    }

    [Fact]
    public void Edit_ChangesTheDetails_AndRecordsWhen()
    {
        var person = Stakeholder.Create(Valid(), Now);

        person.Edit(Valid() with { Name = "محمد الأحمد", Email = "m@example.org", Country = null, ConsentGiven = false, ConsentDate = null, NeverEmail = true }, Now.AddDays(1));

        Assert.Equal("محمد الأحمد", person.Name);
        Assert.Equal("m@example.org", person.NormalisedEmail);
        Assert.Null(person.Country);
        Assert.False(person.ConsentGiven);
        Assert.True(person.NeverEmail);
        Assert.Equal(Now.AddDays(1), person.UpdatedAt);
    }

    [Theory]
    [InlineData("KE", "KE")]
    [InlineData(" kr ", "KR")]
    [InlineData("XK", null)]
    [InlineData("IV", null)]
    [InlineData("KEN", null)]
    public void Countries_KnowTheAssignedIsoCodesOnly(string code, string? known) => Assert.Equal(known, Countries.Known(code));

    [Fact]
    public void Absorb_KeepsTheSurvivorsDetails_UnitesTags_JoinsNotes_FillsGaps_AndKeepsTheEarlierConsent()
    {
        var kept = Stakeholder.Create(Valid() with { Organisation = null, Country = null, NeverEmail = false }, Now);
        var other = Stakeholder.Create(new StakeholderDetails("Yui Sato", "yui@lab.example.org", "Tokyo AI Lab", Sector.Academia, "GB", "en")
        {
            Tags = ["Evaluation", "panel"],
            ConsentGiven = true,
            ConsentDate = new DateOnly(2025, 5, 1),
            ConsentSource = "2025 survey",
            Notes = "Second address",
            NeverEmail = true,
        }, Now.AddDays(-30));

        kept.Absorb(other, [], Now.AddDays(1));

        Assert.Equal("佐藤 結衣", kept.Name);
        Assert.Equal("Yui.Sato@Example.org", kept.Email);
        Assert.Equal(Sector.Industry, kept.Sector);
        Assert.Equal("ja", kept.PreferredLanguage);
        Assert.Equal("Tokyo AI Lab", kept.Organisation);
        Assert.Equal("GB", kept.Country);
        Assert.Equal(["industry", "evaluation", "panel"], kept.Tags);
        Assert.Equal("Line one\nLine two\n\nSecond address", kept.Notes);
        Assert.Equal((true, new DateOnly(2025, 5, 1), "2025 survey"), (kept.ConsentGiven, kept.ConsentDate, kept.ConsentSource));
        Assert.True(kept.NeverEmail);
        Assert.Equal(Now.AddDays(-30), kept.CreatedAt);
        Assert.Equal(Now.AddDays(1), kept.UpdatedAt);
    }

    [Fact]
    public void Absorb_KeepsTheSurvivorsOwnConsent_WhenTheOtherGaveNoneOrALaterOne()
    {
        var kept = Stakeholder.Create(Valid(), Now);
        var later = Stakeholder.Create(Valid() with { Email = "later@example.org", ConsentDate = new DateOnly(2026, 11, 30), ConsentSource = "Later" }, Now);
        var none = Stakeholder.Create(Valid() with { Email = "none@example.org", ConsentGiven = false, ConsentDate = null }, Now);

        kept.Absorb(later, [], Now);
        kept.Absorb(none, [], Now);

        Assert.Equal((true, new DateOnly(2026, 11, 2), "Workshop form"), (kept.ConsentGiven, kept.ConsentDate, kept.ConsentSource));
        Assert.Equal("Line one\nLine two", kept.Notes);
    }

    [Fact]
    public void Absorb_RefusesTheSameEntry_TooManyTagsTogether_AndTooLongNotesTogether()
    {
        var person = Stakeholder.Create(Valid(), Now);
        var manyTags = Stakeholder.Create(Valid() with { Email = "many@example.org", Tags = [.. Enumerable.Range(1, 19).Select(n => $"tag {n}")] }, Now);
        var longNotes = Stakeholder.Create(Valid() with { Email = "long@example.org", Notes = new string('x', Stakeholder.NotesLength - 5) }, Now);

        Assert.Equal("An entry cannot be merged with itself.", Assert.Throws<DomainException>(() => person.Absorb(person, [], Now)).Template);
        Assert.StartsWith("Together these entries have 21 tags", Assert.Throws<DomainException>(() => person.Absorb(manyTags, [], Now)).Message, StringComparison.Ordinal);
        Assert.StartsWith("Together the notes are", Assert.Throws<DomainException>(() => person.Absorb(longNotes, [], Now)).Message, StringComparison.Ordinal);
        Assert.Equal(["industry", "evaluation"], person.Tags);
        Assert.Null(person.UpdatedAt);
    }

    [Fact]
    public void Absorb_MovesTheOthersInvitations_AndRemembersWhomTheyWereIssuedTo()
    {
        var consultation = Consultation.Create("merge-domain", "en", ["en"], AccessMode.InvitedOnly, false, 5, Now);
        var kept = Stakeholder.Create(Valid(), Now);
        var other = Stakeholder.Create(Valid() with { Email = "other@example.org" }, Now);
        var invitation = Invitation.Issue(consultation, other, InvitationToken.New(), Now);
        var someoneElses = Invitation.Issue(consultation, kept, InvitationToken.New(), Now);

        Assert.Throws<ArgumentException>(() => kept.Absorb(other, [someoneElses], Now));
        kept.Absorb(other, [invitation], Now);

        Assert.Equal(kept.Id, invitation.StakeholderId);
        Assert.Equal(other.Id, invitation.MergedFrom);
        Assert.Null(someoneElses.MergedFrom);
    }
}
