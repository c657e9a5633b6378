namespace Consultation.Tests.Domain;

using System.Globalization;
using Consultation.Web.Domain;

public sealed class AnswerReaderTests
{
    private static readonly QuestionSnapshot Share = new("share", QuestionType.Number, true, false, ProfileField.None,
        null, null, 0m, 100m, true, []);

    private static QuestionnaireSnapshot With(params QuestionSnapshot[] questions) =>
        new("en", ["en"], false, 5, [new SectionSnapshot("s", questions)], new Dictionary<string, IReadOnlyDictionary<string, string>>());

    [Theory]
    [InlineData("fr", "12,5", 12.5)]
    [InlineData("fr", "12.5", 12.5)]
    [InlineData("fr", " 7 ", 7)]
    [InlineData("en", "12.5", 12.5)]
    [InlineData("ja", "0.25", 0.25)]
    [InlineData("de", "12,5", 12.5)]
    public void TryParseNumber_InTheRequestCulture_AcceptsItsDecimalSeparator(string culture, string text, double expected)
    {
        Assert.True(AnswerReader.TryParseNumber(text, CultureInfo.GetCultureInfo(culture), out var number));
        Assert.Equal((decimal)expected, number);
    }

    [Theory]
    [InlineData("en", "12,5")]
    [InlineData("de", "12.5")]
    [InlineData("fr", "1 000,5,2")]
    [InlineData("en", "1e5")]
    [InlineData("en", "")]
    public void TryParseNumber_AnAmbiguousOrForeignFormat_IsRefused(string culture, string text) =>
        Assert.False(AnswerReader.TryParseNumber(text, CultureInfo.GetCultureInfo(culture), out _));

    [Fact]
    public void Read_AWholeNumberWhereDecimalsAreNotAllowed_SaysSo()
    {
        var integer = Share with { AllowsDecimals = false };

        var (_, errors) = AnswerReader.Read(With(integer), _ => ["3.5"], CultureInfo.InvariantCulture);

        Assert.Equal(AnswerReader.Messages.NotAWholeNumber, Assert.Single(errors).Message);
    }

    [Fact]
    public void Read_TextLength_CountsCharactersAsPeopleSeeThem()
    {
        var text = new QuestionSnapshot("t", QuestionType.LongText, false, false, ProfileField.None, 3, null, null, null, false, []);

        var (answers, errors) = AnswerReader.Read(With(text), _ => ["한국어"], CultureInfo.InvariantCulture);

        Assert.Empty(errors);
        Assert.Equal("한국어", answers.Text("t"));
    }

    [Fact]
    public void Read_MultipleChoices_AreStoredInTheQuestionsOrderWithoutDuplicates()
    {
        var multi = new QuestionSnapshot("m", QuestionType.MultipleChoice, true, false, ProfileField.None, null, 2, null, null, false,
            [new("a", null, false), new("b", null, false), new("c", null, false)]);

        var (answers, errors) = AnswerReader.Read(With(multi), _ => ["c", "a", "c"], CultureInfo.InvariantCulture);

        Assert.Empty(errors);
        Assert.Equal(["a", "c"], answers.Choices("m"));
    }

    [Fact]
    public void Read_WithoutValidation_KeepsTheValidAnswersAndReportsNothing()
    {
        var (answers, errors) = AnswerReader.Read(With(Share), _ => [], CultureInfo.InvariantCulture, validate: false);

        Assert.Empty(errors);
        Assert.False(answers.Has("share"));
    }
}
