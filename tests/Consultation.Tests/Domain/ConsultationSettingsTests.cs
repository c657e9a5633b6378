namespace Consultation.Tests.Domain;

using Consultation.Tests.Pages.Organise.Settings;
using Consultation.Web.Domain;

/// <summary>The consultation's own rules for its settings, duplicating and archiving, without a database.</summary>
public sealed class ConsultationSettingsTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 15, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Duplicate_CopiesEveryKindOfQuestionWithAllItsProperties_AndEveryTextWithItsStatus()
    {
        var original = Consultation.Create("rich", "en", ["en", "fr", "sw"], AccessMode.Both, true, 12, Now);
        original.UseTimeZone("Africa/Nairobi");
        var about = original.AddSection("about");
        about.AddQuestion(original, "kind", QuestionType.SingleChoice, true).DescribesRespondent(ProfileField.RespondentType).ShownAsDropdown();
        var kind = original.FindQuestion("kind");
        kind.AddOption("ngo", Sector.CivilSociety);
        kind.AddOption("firm", Sector.Industry);
        kind.AddOption("other", Sector.Other, isOther: true);
        about.AddQuestion(original, "country", QuestionType.ShortText, false).DescribesRespondent(ProfileField.Country).LimitLength(80);
        var views = original.AddSection("views");
        views.AddQuestion(original, "topics", QuestionType.MultipleChoice, false).LimitSelections(1, 2);
        original.FindQuestion("topics").AddOption("a");
        original.FindQuestion("topics").AddOption("b");
        original.FindQuestion("topics").AddOption("c", isOther: true);
        views.AddQuestion(original, "grid", QuestionType.Matrix, true).AddRow("r1");
        original.FindQuestion("grid").AddRow("r2");
        original.FindQuestion("grid").AddOption("1");
        original.FindQuestion("grid").AddOption("2");
        original.FindQuestion("grid").AddOption("dk", isNoOpinion: true);
        views.AddQuestion(original, "budget", QuestionType.Number, false).LimitRange(0.5m, 99.5m, allowsDecimals: true);
        views.AddQuestion(original, "paper", QuestionType.FileUpload, false).LimitUpload(5, ["pdf", "odt"]);
        views.AddQuestion(original, "score", QuestionType.Rating, false);
        views.AddQuestion(original, "why", QuestionType.LongText, false).LimitLength(2000);
        original.FindQuestion("why").ShowOnlyIf("kind = 'ngo'");
        original.MoveQuestion("why", -1);
        original.SetOwnText(TextField.Title, "Rich");
        original.SetText(ElementKey.Consultation, TextField.Title, "fr", "Riche");
        original.SetText(ElementKey.Question("kind"), TextField.Label, "en", "Who are you?");
        original.SetText(ElementKey.Question("kind"), TextField.Label, "sw", "Wewe ni nani?");
        original.SetText(ElementKey.Option("kind", "ngo"), TextField.Label, "fr", "ONG");
        original.SetText(ElementKey.Row("grid", "r2"), TextField.Label, "fr", "Ligne deux");

        var copy = original.Duplicate("rich-copy", Now.AddDays(1));

        Assert.NotEqual(original.Id, copy.Id);
        Assert.Equal("rich-copy", copy.Slug);
        Assert.Equal(ConsultationStatus.Draft, copy.Status);
        Assert.Equal((original.DefaultLanguage, original.AccessMode, original.IsAnonymous, original.EstimatedMinutes, original.TimeZone),
            (copy.DefaultLanguage, copy.AccessMode, copy.IsAnonymous, copy.EstimatedMinutes, copy.TimeZone));
        Assert.Equal(original.OfferedLanguages, copy.OfferedLanguages);
        Assert.Equal(SettingsPageTests.Structure(original), SettingsPageTests.Structure(copy));
        Assert.Contains(SettingsPageTests.Structure(copy), line => line.Contains("ShowIf=kind = 'ngo'", StringComparison.Ordinal));
        Assert.Equal(original.Texts.Select(t => (t.ElementKey, t.Field, t.Language, t.Text, t.Status, t.SourceHash)).Order(),
            copy.Texts.Select(t => (t.ElementKey, t.Field, t.Language, t.Text, t.Status, t.SourceHash)).Order());
        Assert.All(copy.Texts, t => Assert.Equal(copy.Id, t.ConsultationId));
        Assert.All(copy.Sections, s => Assert.Equal(copy.Id, s.ConsultationId));
        Assert.Empty(copy.Versions);
    }

    [Theory]
    [InlineData(ConsultationStatus.Draft, true)]
    [InlineData(ConsultationStatus.Open, false)]
    [InlineData(ConsultationStatus.Closed, true)]
    public void Archive_OnlyADraftOrClosedConsultation(ConsultationStatus status, bool archived)
    {
        var consultation = InStatus(status);
        if (archived)
        {
            consultation.Archive(Now);
            Assert.Equal(ConsultationStatus.Archived, consultation.Status);
            Assert.Throws<DomainException>(() => consultation.SetOwnText(TextField.Title, "Changed"));
            Assert.Throws<DomainException>(() => consultation.ChangeEstimatedMinutes(3));
        }
        else
        {
            Assert.Throws<DomainException>(() => consultation.Archive(Now));
        }
    }

    [Fact]
    public void SetOwnText_LongerThanItsLimit_IsRefused_CountingALineBreakOnce()
    {
        var consultation = InStatus(ConsultationStatus.Draft);
        Assert.Throws<DomainException>(() => consultation.SetOwnText(TextField.Title, new string('t', ContentLimits.Title + 1)));
        Assert.Throws<DomainException>(() => consultation.SetOwnText(TextField.PrivacyNotice, new string('t', ContentLimits.LongText + 1)));
        consultation.SetOwnText(TextField.PrivacyNotice, new string('t', ContentLimits.LongText - 1) + "\r\n");
        Assert.Equal(ContentLimits.LongText, consultation.DefaultText(ElementKey.Consultation, TextField.PrivacyNotice)!.Length);
    }

    [Fact]
    public void AfterPublication_TheLinkDefaultLanguageAndAnonymityAreSettled()
    {
        var consultation = InStatus(ConsultationStatus.Open);
        Assert.Throws<DomainException>(() => consultation.ChangeSlug("another"));
        Assert.Throws<DomainException>(() => consultation.ChangeLanguages("fr", ["fr", "en"]));
        Assert.Throws<DomainException>(() => consultation.ChangeAccess(AccessMode.PublicLink, isAnonymous: true));
        consultation.ChangeLanguages("en", ["sw"]);
        Assert.Equal(["en", "sw"], consultation.OfferedLanguages);
        consultation.ChangeAccess(AccessMode.InvitedOnly, isAnonymous: false);
        Assert.Equal(AccessMode.InvitedOnly, consultation.AccessMode);
    }

    private static Consultation InStatus(ConsultationStatus status)
    {
        var consultation = Consultation.Create(SettingsForms.NewSlug("d"), "en", ["en"], AccessMode.PublicLink, false, 5, Now);
        consultation.SetOwnText(TextField.Title, "Title");
        if (status == ConsultationStatus.Draft)
            return consultation;
        consultation.AddSection("s").AddQuestion(consultation, "q", QuestionType.ShortText, false);
        consultation.Publish(Now);
        if (status == ConsultationStatus.Closed)
            consultation.Close(Now);
        return consultation;
    }
}
