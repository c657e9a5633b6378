namespace Consultation.Tests.Domain;

using Consultation.Web.Domain;

public sealed class QuestionnaireBuildingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Type of respondent", "type_of_respondent")]
    [InlineData("Société civile : ONG, syndicats", "societe_civile_ong_syndicats")]
    [InlineData("回答者の種類", "q1")]
    [InlineData("2025 budget", "q1")]
    [InlineData("And", "q1")]
    public void CodeSuggestion_UsesTheFirstPlainWords_OrANumberedFallback(string text, string expected) =>
        Assert.Equal(expected, CodeSuggestion.From(text, "q", []));

    [Fact]
    public void CodeSuggestion_NeverRepeatsATakenCode() =>
        Assert.Equal("country_3", CodeSuggestion.From("Country", "q", ["country", "country_2"]));

    [Fact]
    public void RecodingAQuestion_CarriesItsTexts_AndRewritesTheConditionsThatUseIt()
    {
        var consultation = Draft();
        var section = consultation.AddSection("about");
        var sector = section.AddQuestion(consultation, "sector", QuestionType.SingleChoice, true);
        sector.AddOption("academia");
        consultation.SetText(ElementKey.Question("sector"), TextField.Label, "en", "Sector");
        consultation.SetText(ElementKey.Option("sector", "academia"), TextField.Label, "en", "Academia");
        section.AddQuestion(consultation, "papers", QuestionType.LongText, false);
        consultation.SetCondition("papers", "sector = 'academia'");

        consultation.RecodeQuestion("sector", "kind");

        Assert.Equal("Sector", consultation.DefaultText(ElementKey.Question("kind"), TextField.Label));
        Assert.Equal("Academia", consultation.DefaultText(ElementKey.Option("kind", "academia"), TextField.Label));
        Assert.Equal("kind = 'academia'", consultation.FindQuestion("papers").ShowIf);
    }

    [Fact]
    public void RemovingAQuestionAConditionUses_IsRefused()
    {
        var consultation = Draft();
        var section = consultation.AddSection("about");
        section.AddQuestion(consultation, "staff", QuestionType.Number, false);
        section.AddQuestion(consultation, "teams", QuestionType.ShortText, false);
        consultation.SetCondition("teams", "staff > 10");

        var refused = Assert.Throws<DomainException>(() => consultation.RemoveQuestion("staff"));

        Assert.Equal("The question '{0}' decides whether {1} is shown: change that condition first.", refused.Template);
        Assert.Equal(2, consultation.OrderedQuestions.Count());
    }

    [Fact]
    public void MovingAQuestion_PastTheStartOfItsSection_EndsThePreviousSection()
    {
        var consultation = Draft();
        var one = consultation.AddSection("one");
        one.AddQuestion(consultation, "a", QuestionType.ShortText, false);
        var two = consultation.AddSection("two");
        two.AddQuestion(consultation, "b", QuestionType.ShortText, false);

        consultation.MoveQuestion("b", -1);

        Assert.Equal(["a", "b"], consultation.FindSection("one").OrderedQuestions.Select(q => q.Code));
        Assert.Empty(consultation.FindSection("two").Questions);
    }

    [Theory]
    [InlineData("c", "a", new[] { "c", "a", "b" })]
    [InlineData("a", "c", new[] { "b", "a", "c" })]
    [InlineData("a", null, new[] { "b", "c", "a" })]
    public void PlacingAQuestion_PutsItBeforeTheOneItWasDroppedOn(string code, string? before, string[] expected)
    {
        var consultation = Draft();
        var one = consultation.AddSection("one");
        foreach (var name in new[] { "a", "b", "c" })
            one.AddQuestion(consultation, name, QuestionType.ShortText, false);

        consultation.PlaceQuestion(code, "one", before);

        Assert.Equal(expected, consultation.OrderedQuestions.Select(q => q.Code));
    }

    [Fact]
    public void AMoveThatWouldPutAConditionBeforeTheQuestionItUses_IsRefused_AndChangesNothing()
    {
        var consultation = Draft();
        var one = consultation.AddSection("one");
        one.AddQuestion(consultation, "staff", QuestionType.Number, false);
        var two = consultation.AddSection("two");
        two.AddQuestion(consultation, "teams", QuestionType.ShortText, false);
        consultation.SetCondition("teams", "staff > 10");

        Assert.Throws<DomainException>(() => consultation.PlaceQuestion("teams", "one", "staff"));
        Assert.Throws<DomainException>(() => consultation.MoveSection("two", -1));
        Assert.Throws<DomainException>(() => consultation.PlaceQuestion("staff", "two", null));

        Assert.Equal(["staff", "teams"], consultation.OrderedQuestions.Select(q => q.Code));
        Assert.Equal(["one", "two"], consultation.OrderedSections.Select(s => s.Code));
    }

    [Fact]
    public void ACodeThatIsAWordOfTheConditionLanguage_IsRefused() =>
        Assert.Throws<DomainException>(() => Draft().AddSection("selected"));

    [Fact]
    public void CodesAreFrozen_OnceAVersionIsPublished()
    {
        var consultation = Draft();
        consultation.AddSection("about").AddQuestion(consultation, "name", QuestionType.ShortText, false);
        consultation.Publish(Now);

        Assert.Throws<DomainException>(() => consultation.RecodeQuestion("name", "full_name"));
    }

    private static Consultation Draft() =>
        Consultation.Create("draft", "en", ["en"], AccessMode.PublicLink, false, 10, Now);
}
