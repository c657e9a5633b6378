namespace Consultation.Tests.Email;

using System.Globalization;
using Consultation.Tests.Support;
using Consultation.Web;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Consultation.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

/// <summary>The invitation as its recipient reads it: the organisers' wording or the default language's, filled, encoded, with the ways out.</summary>
public sealed class InvitationEmailTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly EmailLinks Links = new("https://consult.example.org/r/abc", "https://consult.example.org/opt-out/abc", "https://consult.example.org/decline/abc");

    public static TheoryData<string> UiLanguageTags => [.. UiLanguages.Supported];

    [Theory]
    [MemberData(nameof(UiLanguageTags))]
    public void DefaultWording_ExistsInEveryUiLanguage_InThatLanguage_AndPassesItsOwnChecks(string language)
    {
        var wording = EmailDefaults.In(EmailKind.Invitation, language, S);

        Assert.NotNull(wording);
        EmailTexts.Check(TextField.Subject, wording.Subject);
        EmailTexts.Check(TextField.Body, wording.Body);
        Assert.Contains("{link}", wording.Body, StringComparison.Ordinal);
        Assert.Contains("{name}", wording.Body, StringComparison.Ordinal);
        Assert.Contains("{deadline}", wording.Body, StringComparison.Ordinal);
        if (language != UiLanguages.Default)
            Assert.NotEqual(EmailDefaults.In(EmailKind.Invitation, UiLanguages.Default, S)!.Body, wording.Body);
    }

    [Fact]
    public void DefaultWording_IsNoneForALanguageTheInterfaceDoesNotSpeak()
    {
        Assert.Null(EmailDefaults.In(EmailKind.Invitation, "de", S));
        Assert.NotNull(EmailDefaults.In(EmailKind.Invitation, "fr-CA", S));
    }

    [Fact]
    public void Render_InTheRecipientsTranslatedLanguage_FillsEveryPlaceholder_AndWritesTheDeadlineInTheirTimeZone()
    {
        var c = Invited("fr", "ja");
        c.Schedule(null, new DateTimeOffset(2027, 3, 31, 15, 0, 0, TimeSpan.Zero));

        var email = InvitationEmail.Render(c, new EmailRecipient("佐藤 結衣", "ja", "Asia/Tokyo"), Links, S);

        Assert.Equal("ja", email.Language);
        Assert.Equal(EmailFallback.None, email.Fallback);
        Assert.Contains("意見募集", email.Subject, StringComparison.Ordinal);
        Assert.Contains("佐藤 結衣 様", email.TextBody, StringComparison.Ordinal);
        Assert.Contains(Links.Personal, email.TextBody, StringComparison.Ordinal);
        // 15:00 UTC is midnight in Tokyo, the next day.
        Assert.Contains(ConsultationEmail.Deadline(c.ClosesAt!.Value, "Asia/Tokyo", "ja"), email.TextBody, StringComparison.Ordinal);
        Assert.Contains("2027年4月1日", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("(Asia/Tokyo)", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("{", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("lang=\"ja\"", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("佐藤 結衣 様", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithoutTheRecipientsTranslation_UsesTheDefaultLanguage_WithASentenceInTheirLanguageSayingWhy()
    {
        var c = Invited("en", "fr", "ko");
        c.Translate(ElementKey.Email(EmailKind.Invitation), TextField.Body, "fr", "");

        var untranslated = InvitationEmail.Render(c, new EmailRecipient("Camille Martin", "fr", null), Links, S);
        var notOffered = InvitationEmail.Render(c, new EmailRecipient("Juma Otieno", "sw", null), Links, S);

        Assert.Equal(("en", EmailFallback.NotTranslated), (untranslated.Language, untranslated.Fallback));
        Assert.StartsWith(Localized.Text("fr", "This email is in {0}: it has not been translated into {1} yet.", Name("en", "fr"), Name("fr", "fr")),
            untranslated.TextBody, StringComparison.Ordinal);
        Assert.Contains("Dear Camille Martin", untranslated.TextBody, StringComparison.Ordinal);
        Assert.Equal(("en", EmailFallback.NotOffered), (notOffered.Language, notOffered.Fallback));
        Assert.StartsWith(Localized.Text("sw", "This email is in {0}: this consultation is not offered in {1}.", Name("en", "sw"), Name("sw", "sw")),
            notOffered.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p lang=\"sw\" dir=\"ltr\"><em>", notOffered.HtmlBody, StringComparison.Ordinal);
        var translated = InvitationEmail.Render(c, new EmailRecipient("민준", "ko", null), Links, S);
        Assert.Equal(EmailFallback.None, translated.Fallback);
        Assert.DoesNotContain(Localized.Text("ko", "This email is in {0}: it has not been translated into {1} yet.", Name("en", "ko"), Name("ko", "ko")),
            translated.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EncodesANameWithMarkup_KeepsNamesInAnyScript_AndMakesEveryLinkAnAnchor()
    {
        var c = Invited("en");
        c.UseContactEmail("team@consult.example.org");

        var hostile = InvitationEmail.Render(c, new EmailRecipient("<b>O'Brien & Sons</b>", "en", null), Links, S);
        var arabic = InvitationEmail.Render(c, new EmailRecipient("محمد", "en", null), Links, S);

        Assert.DoesNotContain("<b>", hostile.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;O&#x27;Brien &amp; Sons&lt;/b&gt;", hostile.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Dear <b>O'Brien & Sons</b>,", hostile.TextBody, StringComparison.Ordinal);
        Assert.Contains("محمد", arabic.TextBody, StringComparison.Ordinal);
        Assert.Contains("Dear محمد,", arabic.HtmlBody, StringComparison.Ordinal);
        foreach (var link in new[] { Links.Personal, Links.OptOut, Links.Decline })
            Assert.Contains($"<a href=\"{link}\">{link}</a>", hostile.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("team@consult.example.org", hostile.ReplyTo);
        Assert.Contains(Localized.Text("en", "You can reply to this email: your reply goes to the organisers."), hostile.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_KeepsTheOptOutAndDeclineLinks_WhenTheWordingLeavesThemOut_AndGivesNoReplyToWithoutAContactAddress()
    {
        var c = Invited("en");
        c.WordEmail(EmailKind.Invitation, "{title}", "Answer here: {link}");

        var email = InvitationEmail.Render(c, new EmailRecipient("Ana", "en", null), Links, S);
        var queued = email.Queue(InvitationEmail.Key(Guid.NewGuid()), "ana@example.org", DateTimeOffset.UtcNow);

        Assert.Contains(Links.OptOut, email.TextBody, StringComparison.Ordinal);
        Assert.Contains(Links.Decline, email.TextBody, StringComparison.Ordinal);
        // Opting out stops this consultation's emails only (the registry's "never email" covers the rest): the footer says so.
        Assert.Contains($"To receive no more emails about this consultation: {Links.OptOut}", email.TextBody, StringComparison.Ordinal);
        Assert.Null(email.ReplyTo);
        Assert.DoesNotContain(Localized.Text("en", "You can reply to this email: your reply goes to the organisers."), email.TextBody, StringComparison.Ordinal);
        Assert.Equal(EmailKind.Invitation, queued.Kind);
        Assert.Equal(Links.OptOut, queued.UnsubscribeUrl);
        Assert.Null(queued.ReplyTo);
    }

    [Fact]
    public void Queue_OffersOneClickUnsubscribe_OnlyOverHttps_OrOnThisMachinesLoopback()
    {
        var c = Invited("en");
        OutboundEmail Queued(string optOut) =>
            InvitationEmail.Render(c, new EmailRecipient("Ana", "en", null), Links with { OptOut = optOut }, S).Queue("invitation:test", "ana@example.org", DateTimeOffset.UtcNow);

        Assert.Null(Queued("http://consult.example.org/r/abc/opt-out").UnsubscribeUrl);
        Assert.Equal("https://consult.example.org/r/abc/opt-out", Queued("https://consult.example.org/r/abc/opt-out").UnsubscribeUrl);
        Assert.Equal("http://localhost:5000/r/abc/opt-out", Queued("http://localhost:5000/r/abc/opt-out").UnsubscribeUrl);
        Assert.Equal("http://127.0.0.1:5000/r/abc/opt-out", Queued("http://127.0.0.1:5000/r/abc/opt-out").UnsubscribeUrl);
    }

    private IStringLocalizer S => app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    /// <summary>An open consultation in these languages (the first the default) with the default wording adopted.</summary>
    private Consultation Invited(params string[] languages)
    {
        var c = Web.Domain.Consultation.Create($"inv-{Guid.NewGuid():N}"[..20], languages[0], languages, AccessMode.InvitedOnly, false, 10, DateTimeOffset.UtcNow);
        c.SetText(ElementKey.Consultation, TextField.Title, languages[0], "Water for everyone");
        EmailDefaults.Adopt(c, S);
        return c;
    }

    private static string Name(string tag, string reader)
    {
        using (CultureScope.ForRespondent(reader))
            return CultureInfo.GetCultureInfo(tag).DisplayName;
    }
}
