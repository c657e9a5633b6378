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
}
