namespace Consultation.Tests.Email;

using System.Globalization;
using Consultation.Tests.Support;
using Consultation.Web;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

public sealed class ReceiptEmailTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Receipt_CopiesTheAnswers_UnlessTheConsultationIsAnonymous(bool anonymous)
    {
        var snapshot = Snapshot(anonymous);
        var answers = new AnswerSet(new Dictionary<string, System.Text.Json.JsonElement>
        {
            ["view"] = System.Text.Json.JsonSerializer.SerializeToElement("Plus de transparence"),
            ["share"] = System.Text.Json.JsonSerializer.SerializeToElement(12.5m),
        });
        var s = app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var before = CultureInfo.CurrentUICulture;

        var email = ReceiptEmail.Build(snapshot, AnIssuedInvitation(), "person@example.org", answers, "fr", "https://example.org/r/x", s, DateTimeOffset.UtcNow);

        Assert.Equal(before, CultureInfo.CurrentUICulture);
        Assert.Equal(Localized.Text("fr", "Your response to “{0}”", "Avis"), email.Subject);
        Assert.Contains("lang=\"fr\"", email.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(!anonymous, email.TextBody!.Contains("Plus de transparence", StringComparison.Ordinal));
        Assert.Equal(!anonymous, email.TextBody.Contains("12,5", StringComparison.Ordinal));
        Assert.Equal(anonymous, email.TextBody.Contains(Localized.Text("fr", "This consultation is anonymous: your answers are not linked to you, so they are not copied here."), StringComparison.Ordinal));
        Assert.Equal(!anonymous, email.CarriesAnswers);
    }

    [Fact]
    public void Receipt_OfEveryAnswerShape_ReadsAsText()
    {
        var snapshot = QuestionnaireSnapshot.Of(TestConsultations.EveryType("receipt", DateTimeOffset.UtcNow));
        var (answers, errors) = AnswerReader.Read(snapshot, name => TestConsultations.EveryTypeAnswers().TryGetValue(name.StartsWith("a.", StringComparison.Ordinal) && name.Count(c => c == '.') == 1 ? name[2..] : name, out var v) ? v : [],
            CultureInfo.InvariantCulture, uploads: code => code == TestConsultations.Codes.Paper ? new UploadOutcome(new FileAnswer(Guid.NewGuid(), "paper.pdf", 10, "application/pdf"), null) : null);
        Assert.Empty(errors);
        var s = app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();

        var email = ReceiptEmail.Build(snapshot, AnIssuedInvitation(), "person@example.org", answers, "fr", "https://example.org/r/x", s, DateTimeOffset.UtcNow);

        foreach (var expected in new[] { "Autre: Retired judge", "29 février 2024", "Oui", "Les préjudices peuvent être réparés: Pas d’accord", "paper.pdf", "Coût, Qualité, Rapidité" })
            Assert.Contains(expected, email.TextBody!, StringComparison.Ordinal);
    }

    private static QuestionnaireSnapshot Snapshot(bool anonymous) => new("fr", ["fr"], anonymous, 5,
        [new SectionSnapshot("main", [
            new QuestionSnapshot("view", QuestionType.LongText, false, false, ProfileField.None, null, null, null, null, false, []),
            new QuestionSnapshot("share", QuestionType.Number, false, false, ProfileField.None, null, null, 0, 100, true, []),
        ])],
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["fr"] = new Dictionary<string, string>
            {
                ["consultation/Title"] = "Avis",
                ["question:view/Label"] = "Votre avis",
                ["question:share/Label"] = "Part",
            },
        });

    private static Invitation AnIssuedInvitation()
    {
        var consultation = Consultation.Create("avis", "fr", ["fr"], AccessMode.InvitedOnly, false, 5, DateTimeOffset.UtcNow);
        var stakeholder = Stakeholder.Create("P", "person@example.org", null, Sector.Other, null, "fr", DateTimeOffset.UtcNow);
        return Invitation.Issue(consultation, stakeholder, InvitationToken.New(), DateTimeOffset.UtcNow);
    }
}
