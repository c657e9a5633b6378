namespace Consultation.Tests.Domain;

using Consultation.Tests.Support;
using Consultation.Web.Domain;

/// <summary>The emails organisers word: placeholders checked by name, translated like every text, never blocking publication.</summary>
public sealed class EmailTextsTests
{
    private const string Body = "Dear {name},\n\nPlease answer “{title}” by {deadline}:\n{link}";

    [Theory]
    [InlineData("Hello {nom}, answer here: {link}", "{nom}")]
    [InlineData("Hello {Name}: {link}", "{Name}")]
    [InlineData("Hello { link }: {link}", "{ link }")]
    [InlineData("｛name｝ 様\n\n{link}", "｛name｝")]
    public void Check_AnUnknownPlaceholder_IsRefusedNamingIt(string body, string named)
    {
        var refusal = Assert.Throws<DomainException>(() => EmailTexts.Check(TextField.Body, body));

        Assert.Equal(EmailTexts.Messages.Unknown, refusal.Template);
        Assert.Equal(named, refusal.Arguments[0]);
        Assert.Contains("{opt_out_link}", (string)refusal.Arguments[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ABodyWithoutTheLink_IsRefusedNamingTheLink_WhileASubjectNeedsNone()
    {
        var refusal = Assert.Throws<DomainException>(() => EmailTexts.Check(TextField.Body, "Dear {name}, please answer."));

        Assert.Equal(EmailTexts.Messages.Missing, refusal.Template);
        Assert.Equal("{link}", refusal.Arguments[0]);
        EmailTexts.Check(TextField.Subject, "Invitation: {title}");
        Assert.Equal(EmailTexts.Messages.SubjectOneLine,
            Assert.Throws<DomainException>(() => EmailTexts.Check(TextField.Subject, "Invitation\nBcc: x@example.org")).Template);
    }

    [Fact]
    public void WordEmail_RefusesWhatCheckRefuses_AndKeepsTheEarlierWording()
    {
        var c = Bilingual();
        c.WordEmail(EmailKind.Invitation, "Invitation: {title}", Body);

        Assert.Throws<DomainException>(() => c.WordEmail(EmailKind.Invitation, "Hi", "No link here"));

        Assert.Equal(Body.Replace("\r\n", "\n", StringComparison.Ordinal), c.EmailIn(EmailKind.Invitation, "en")!.Body);
    }

    [Theory]
    [InlineData("Bonjour {nom} : {link}", EmailTexts.Messages.Unknown, "{nom}")]
    [InlineData("Bonjour {name}, répondez avant le {deadline}.", EmailTexts.Messages.Missing, "{link}")]
    public void Translate_AnEmailThatLosesOrInventsAPlaceholder_IsRefusedNamingIt(string french, string message, string named)
    {
        var c = Bilingual();
        c.WordEmail(EmailKind.Invitation, "Invitation: {title}", Body);

        var refusal = Assert.Throws<DomainException>(() => c.Translate(ElementKey.Email(EmailKind.Invitation), TextField.Body, "fr", french));

        Assert.Equal(message, refusal.Template);
        Assert.Equal(named, refusal.Arguments[0]);
        Assert.Null(c.TextIn(ElementKey.Email(EmailKind.Invitation), TextField.Body, "fr"));
    }

    [Fact]
    public void Progress_CountsTheEmailTexts_AndMarksTheirTranslationsOutdated_WhenTheDefaultWordingChanges()
    {
        var c = Bilingual();
        var before = c.ProgressIn("fr");
        c.WordEmail(EmailKind.Invitation, "Invitation: {title}", Body);
        Assert.Equal(before.Total + 2, c.ProgressIn("fr").Total);
        Assert.Equal(before.Missing + 2, c.ProgressIn("fr").Missing);

        c.Translate(ElementKey.Email(EmailKind.Invitation), TextField.Subject, "fr", "Invitation : {title}");
        c.Translate(ElementKey.Email(EmailKind.Invitation), TextField.Body, "fr", "Bonjour {name},\n\nVotre lien : {link}");
        Assert.Equal(before.Missing, c.ProgressIn("fr").Missing);
        c.WordEmail(EmailKind.Invitation, "You are invited: {title}", Body);

        Assert.Equal(1, c.ProgressIn("fr").Outdated - before.Outdated);
        var subject = c.TranslatableTexts().Single(t => t.ElementKey == ElementKey.Email(EmailKind.Invitation) && t.Field == TextField.Subject);
        Assert.Equal(TranslationState.Outdated, c.StateIn(subject, "fr"));
    }

    [Fact]
    public void Publication_IsNotBlockedByAnUntranslatedEmail_ButStillByAnUntranslatedQuestion()
    {
        var now = DateTimeOffset.UtcNow;
        var c = Bilingual();
        c.WordEmail(EmailKind.Invitation, "Invitation: {title}", Body);
        Assert.Null(c.TextIn(ElementKey.Email(EmailKind.Invitation), TextField.Body, "fr"));

        Assert.DoesNotContain(c.PublicationProblems(now), p => p.Message == PublicationProblem.Messages.MissingText);

        c.SetText(ElementKey.Question(TestConsultations.Codes.Role), TextField.Label, "fr", "");
        var missing = Assert.Single(c.PublicationProblems(now), p => p.Message == PublicationProblem.Messages.MissingText);
        Assert.Equal(ElementKey.Question(TestConsultations.Codes.Role), missing.ElementKey);
    }

    [Fact]
    public void ChooseEmail_FallsBackToTheDefaultLanguage_SayingWhetherTheLanguageIsUntranslatedOrNotOffered()
    {
        var c = Bilingual();
        c.WordEmail(EmailKind.Invitation, "Invitation: {title}", Body);

        Assert.Equal(("en", EmailFallback.NotTranslated), Of(c.ChooseEmail(EmailKind.Invitation, "fr")));
        Assert.Equal(("en", EmailFallback.NotOffered), Of(c.ChooseEmail(EmailKind.Invitation, "ja")));
        c.Translate(ElementKey.Email(EmailKind.Invitation), TextField.Subject, "fr", "Invitation : {title}");
        Assert.Equal(("en", EmailFallback.NotTranslated), Of(c.ChooseEmail(EmailKind.Invitation, "fr")));
        c.Translate(ElementKey.Email(EmailKind.Invitation), TextField.Body, "fr", "Bonjour {name} : {link}");
        Assert.Equal(("fr", EmailFallback.None), Of(c.ChooseEmail(EmailKind.Invitation, "FR")));

        static (string, EmailFallback) Of(EmailChoice choice) => (choice.Language, choice.Fallback);
    }

    [Fact]
    public void AdoptEmailDefaults_FillsOnlyWhatIsMissing_AndTranslatesOnlyAnUnchangedDefault()
    {
        var c = Bilingual();
        var english = new EmailWording("Invitation: {title}", Body);
        var french = new EmailWording("Invitation : {title}", "Bonjour {name} : {link}");
        EmailWording? Stock(string language) => language == "fr" ? french : null;

        Assert.True(c.AdoptEmailDefaults(EmailKind.Invitation, english, Stock));
        Assert.Equal(french, c.EmailIn(EmailKind.Invitation, "fr"));
        Assert.Equal(TranslationState.Done, c.StateIn(c.TranslatableTexts().Single(t => t.Field == TextField.Body), "fr"));
        Assert.False(c.AdoptEmailDefaults(EmailKind.Invitation, english, Stock));

        var other = Bilingual();
        other.WordEmail(EmailKind.Invitation, "Our own words: {title}", Body);
        other.AdoptEmailDefaults(EmailKind.Invitation, english, Stock);
        Assert.Equal("Our own words: {title}", other.EmailIn(EmailKind.Invitation, "en")!.Subject);
        Assert.Null(other.EmailIn(EmailKind.Invitation, "fr"));
    }

    [Fact]
    public void Snapshot_LeavesTheEmailTextsOut()
    {
        var c = Bilingual();
        c.WordEmail(EmailKind.Invitation, "Invitation: {title}", Body);

        var snapshot = QuestionnaireSnapshot.Of(c);

        Assert.DoesNotContain(snapshot.Texts["en"].Keys, k => k.StartsWith("email:", StringComparison.Ordinal));
        Assert.Contains(QuestionnaireSnapshot.TextKey(ElementKey.Consultation, TextField.Title), snapshot.Texts["en"].Keys);
    }

    private static Consultation Bilingual() => TestConsultations.EveryType($"emails-{Guid.NewGuid():N}"[..20], DateTimeOffset.UtcNow);
}
