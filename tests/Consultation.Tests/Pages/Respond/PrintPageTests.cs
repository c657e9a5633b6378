namespace Consultation.Tests.Pages.Respond;

using System.Net;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using static Consultation.Tests.Support.TestConsultations;

/// <summary>The questionnaire to print or save: every question, its options and hints, and its condition in words, with nothing to fill in online.</summary>
public sealed class PrintPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task InFrench_ShowsEveryQuestionWithItsOptions_AndNoForm()
    {
        var consultation = await app.EveryTypeAsync();

        var page = await app.Respondent("fr-FR,fr;q=0.9").GetPageAsync($"/c/{consultation.Slug}/print");

        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Toutes les sortes de questions", page.Text("h1"));
        Assert.Empty(page.QuerySelectorAll("form, input, select, textarea"));
        Assert.Equal(["À propos de vous", "Vos avis"], page.QuerySelectorAll(".print-section h2").Select(h => h.TextContent.Trim()));
        Assert.Equal(Localized.Text("fr", "Section {0} of {1}", 2, 2), page.Text(".print-section:nth-of-type(2) .section-progress"));

        string Question(string code) => page.Text($".print-question[data-question='{code}']");
        foreach (var (code, texts) in new (string, string[])[]
        {
            (Codes.Role, ["Qu’est-ce qui vous décrit le mieux ?", "Chercheur", "Organisation non gouvernementale", "Autre"]),
            (Codes.Organisation, ["Nom de l’organisation", Localized.Text("fr", "(optional)")]),
            (Codes.Share, ["Quelle part de votre budget va à la recherche (%) ?", Localized.Text("fr", "Enter a number between {0} and {1}", "0", "100")]),
            (Codes.MeetingDate, ["Quand avez-vous assisté", "Une date approximative suffit.", Localized.Text("fr", "For example, {0}", "27 3 2007")]),
            (Codes.ContactOk, ["Pouvons-nous vous contacter", Localized.Text("fr", "Yes"), Localized.Text("fr", "No")]),
            (Codes.Email, ["Adresse e-mail"]),
            (Codes.Note, ["Nous n’utiliserons votre adresse e-mail que pour cette consultation."]),
            (Codes.Topics, ["Quels sujets comptent le plus pour vous ?", Localized.Text("fr", "Choose up to {0} answers.", 3), "Sécurité", "Vie privée", "Emploi", "Climat", "Autre"]),
            (Codes.Agreement, ["Les règles sont claires.", "Pas d’accord", "Neutre", "D’accord", "Sans opinion"]),
            (Codes.Recommend, ["Quelle est la probabilité", "0 signifie pas du tout probable", "10"]),
            (Codes.Priorities, ["Classez ces priorités", Localized.Text("fr", "Number them in order, 1 for the first."), "Rapidité", "Coût", "Qualité"]),
            (Codes.Statements, ["Dans quelle mesure", "Les décisions sont expliquées", "Quelqu’un répond des erreurs", "Les préjudices peuvent être réparés", "Sans opinion"]),
            (Codes.Comments, ["Autre chose ?"]),
            (Codes.Paper, ["Déposez une prise de position", Localized.Text("fr", "Attach a file when you answer online. Accepted file types: {0}.", "PDF, DOCX, ODT, TXT")]),
            (Codes.Consent, ["J’accepte que mes réponses soient publiées sans mon nom."]),
        })
        {
            foreach (var text in texts)
                Assert.Contains(text, Question(code), StringComparison.Ordinal);
        }
        Assert.Equal(11, page.QuerySelectorAll($".print-question[data-question='{Codes.Recommend}'] li").Length);
        Assert.Equal(3, page.QuerySelectorAll($".print-question[data-question='{Codes.Statements}'] tbody th[scope=row]").Length);
        Assert.NotNull(page.QuerySelector($".print-question[data-question='{Codes.Comments}'] .print-box-area"));
    }

    [Fact]
    public async Task AConditionalQuestion_SaysInWordsWhenToAnswerIt()
    {
        var consultation = await app.EveryTypeAsync();

        var page = await app.Respondent("fr-FR").GetPageAsync($"/c/{consultation.Slug}/print");

        var condition = Localized.Text("fr", "“{0}” is “{1}”", "Pouvons-nous vous contacter au sujet de vos réponses ?", Localized.Text("fr", "Yes"));
        Assert.Equal(Localized.Text("fr", "Answer only if {0}.", condition), page.Text($"[data-question='{Codes.Email}'] .print-question__condition"));
        Assert.Null(page.QuerySelector($"[data-question='{Codes.Role}'] .print-question__condition"));
    }

    [Fact]
    public async Task AnUnknownConsultation_IsTheLocalizedNotFoundPage()
    {
        var response = await app.Respondent("fr-FR").GetAsync("/c/no-such-consultation/print");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(Localized.Text("fr", "This link does not work"), (await Html.ParseAsync(response)).Text("h1"));
    }

    [Fact]
    public async Task ADraftConsultation_IsNotFound()
    {
        var now = app.Clock.GetUtcNow();
        var draft = Consultation.Create($"draft-{Guid.NewGuid():N}"[..20], "en", ["en"], AccessMode.PublicLink, false, 5, now);
        draft.SetText(ElementKey.Consultation, TextField.Title, "en", "Not ready");
        draft.AddSection("main").AddQuestion(draft, "view", QuestionType.LongText, isRequired: true);
        await app.WithDbAsync(async db =>
        {
            db.Consultations.Add(draft);
            await db.SaveChangesAsync();
        });

        var response = await app.Respondent().GetAsync($"/c/{draft.Slug}/print");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Not ready", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APersonalLink_PrintsInTheInvitationsLanguage()
    {
        await app.DemoAsync();
        var token = await app.NewInvitationAsync("ja");

        var page = await app.Respondent("en-GB").GetPageAsync($"/r/{token}/print");

        Assert.Equal("ja", page.DocumentElement.GetAttribute("lang"));
        Assert.NotEmpty(page.QuerySelectorAll(".print-question"));
        Assert.Equal($"/r/{token}", page.QuerySelector(".print-intro a")!.GetAttribute("href"));
    }
}
