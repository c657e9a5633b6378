namespace Consultation.Tests.Domain;

using System.Globalization;
using System.Text.Json;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Consultation.Web.Pages.Shared;
using static Consultation.Tests.Support.TestConsultations;
using M = Consultation.Web.Domain.AnswerReader.Messages;

/// <summary>The server's reading of every question type, on the every-type questionnaire.</summary>
public sealed class AnswerReaderTypesTests
{
    private static readonly QuestionnaireSnapshot Snapshot = QuestionnaireSnapshot.Of(EveryType("reader", DateTimeOffset.UtcNow));

    private static (AnswerSet Answers, IReadOnlyList<AnswerError> Errors) Read(Dictionary<string, string[]> posted,
        Func<string, UploadOutcome?>? uploads = null, string culture = "en-GB")
    {
        var byName = posted.ToDictionary(p => p.Key.Contains('.', StringComparison.Ordinal) ? p.Key : $"a.{p.Key}", p => p.Value);
        return AnswerReader.Read(Snapshot, name => byName.TryGetValue(name, out var v) ? v : [], CultureInfo.GetCultureInfo(culture), uploads: uploads);
    }

    private static Dictionary<string, string[]> Valid(params (string Name, string[] Values)[] changes)
    {
        var answers = EveryTypeAnswers();
        foreach (var (name, values) in changes)
            answers[name] = values;
        return answers;
    }

    private static AnswerError ErrorFor(string code, Dictionary<string, string[]> posted) =>
        Assert.Single(Read(posted).Errors, e => e.QuestionCode == code);

    [Fact]
    public void Read_EveryTypeAnsweredWell_StoresEachInItsShape()
    {
        var (answers, errors) = Read(Valid());

        Assert.Empty(errors);
        Assert.Equal("other", answers.Text(Codes.Role));
        Assert.Equal("Retired judge", answers.Text(AnswerSet.OtherKey(Codes.Role)));
        Assert.Equal(["safety", "other"], answers.Choices(Codes.Topics));
        Assert.Equal("Housing", answers.Text(AnswerSet.OtherKey(Codes.Topics)));
        Assert.Equal("2024-02-29", answers.Text(Codes.MeetingDate));
        Assert.Equal(9m, answers.Number(Codes.Recommend));
        Assert.Equal(["cost", "quality", "speed"], answers.Choices(Codes.Priorities));
        Assert.Equal("agree", answers.Row(Codes.Statements, "transparency"));
        Assert.Equal("no_opinion", answers.Row(Codes.Statements, "accountability"));
        Assert.Equal("yes", answers.Text(Codes.ContactOk));
        Assert.Equal("person@example.org", answers.Text(Codes.Email));
        Assert.True(answers.IsTrue(Codes.Consent));
        Assert.False(answers.Has(Codes.Note));
        Assert.False(answers.Has(Codes.Paper));
    }

    [Theory]
    [InlineData(Codes.Role, M.ChooseOne)]
    [InlineData(Codes.Topics, M.ChooseAtLeastOne)]
    [InlineData(Codes.MeetingDate, M.EnterDate)]
    [InlineData(Codes.Recommend, M.ChooseRating)]
    [InlineData(Codes.Priorities, M.RankEveryOption)]
    [InlineData(Codes.Statements, M.AnswerEveryRow)]
    [InlineData(Codes.ContactOk, M.ChooseYesOrNo)]
    [InlineData(Codes.Consent, M.TickToConsent)]
    public void Read_ARequiredQuestionLeftEmpty_SaysWhatToDo(string code, string message)
    {
        var posted = Valid();
        foreach (var name in posted.Keys.Where(k => k == code || k.StartsWith($"a.{code}.", StringComparison.Ordinal)).ToList())
            posted.Remove(name);

        Assert.Equal(message, ErrorFor(code, posted).Message);
    }

    [Fact]
    public void Read_ARequiredUploadWithoutAFile_AsksForOne()
    {
        var required = Snapshot with
        {
            Sections = [new SectionSnapshot("s", [Snapshot.FindQuestion(Codes.Paper)! with { IsRequired = true }])],
        };
        var (_, errors) = AnswerReader.Read(required, _ => [], CultureInfo.InvariantCulture, uploads: _ => null);
        Assert.Equal(M.ChooseFile, Assert.Single(errors).Message);
    }

    [Theory]
    [InlineData(Codes.Role, "judge")]
    [InlineData(Codes.Agreement, "7")]
    [InlineData(Codes.ContactOk, "maybe")]
    [InlineData(Codes.Consent, "on")]
    [InlineData("a.statements.redress", "strongly")]
    public void Read_AForgedOptionCode_IsRefused(string field, string value)
    {
        var code = field.StartsWith("a.", StringComparison.Ordinal) ? field.Split('.')[1] : field;
        Assert.Equal(M.UnknownOption, ErrorFor(code, Valid((field, [value]))).Message);
    }

    [Fact]
    public void Read_AForgedMatrixRow_IsIgnored()
    {
        var (answers, errors) = Read(Valid(("a.statements.forged", ["agree"])));
        Assert.Empty(errors);
        Assert.Null(answers.Row(Codes.Statements, "forged"));
    }

    [Theory]
    [InlineData("31", "2", "2023", M.DayBeyondMonth)]
    [InlineData("29", "2", "2023", M.DayBeyondMonth)]
    [InlineData("31", "4", "2024", M.DayBeyondMonth)]
    [InlineData("1", "13", "2024", M.DateNotReal)]
    [InlineData("0", "1", "2024", M.DateNotReal)]
    [InlineData("1", "1", "24", M.DateNotReal)]
    [InlineData("one", "1", "2024", M.DateNotReal)]
    [InlineData("", "1", "2024", M.DateIncomplete)]
    public void Read_AnImpossibleOrIncompleteDate_IsRefusedInWords(string day, string month, string year, string message)
    {
        var error = ErrorFor(Codes.MeetingDate, Valid(("a.meeting_date.day", [day]), ("a.meeting_date.month", [month]), ("a.meeting_date.year", [year])));
        Assert.Equal(message, error.Message);
        if (message == M.DayBeyondMonth)
            Assert.Equal(month == "4" ? 30 : 28, error.Arguments[0]);
    }

    [Fact]
    public void Read_FullWidthDigitsInADate_AreTaken()
    {
        var (answers, errors) = Read(Valid(("a.meeting_date.day", ["１"]), ("a.meeting_date.month", ["１２"]), ("a.meeting_date.year", ["２０２５"])));
        Assert.Empty(errors);
        Assert.Equal("2025-12-01", answers.Text(Codes.MeetingDate));
    }

    [Theory]
    [InlineData("11")]
    [InlineData("-1")]
    [InlineData("5.5")]
    [InlineData("ten")]
    public void Read_ARatingOutOfRange_IsRefused(string value)
    {
        var error = ErrorFor(Codes.Recommend, Valid((Codes.Recommend, [value])));
        Assert.Equal(M.RatingOutOfRange, error.Message);
        Assert.Equal([0, 10], error.Arguments);
    }

    [Fact]
    public void Read_ARatingOfZero_IsAnAnswer()
    {
        var (answers, errors) = Read(Valid((Codes.Recommend, ["0"])));
        Assert.Empty(errors);
        Assert.Equal(0m, answers.Number(Codes.Recommend));
    }

    [Fact]
    public void Read_DuplicateRanks_AreRefused() =>
        Assert.Equal(M.RanksDiffer, ErrorFor(Codes.Priorities, Valid(("a.priorities.rank.speed", ["1"]))).Message);

    [Theory]
    [InlineData("4")]
    [InlineData("0")]
    [InlineData("first")]
    public void Read_ARankOutsideTheOptions_IsRefused(string rank) =>
        Assert.Equal(M.RankOutOfRange, ErrorFor(Codes.Priorities, Valid(("a.priorities.rank.speed", [rank]))).Message);

    [Fact]
    public void Read_ARequiredRankingPartlyDone_AsksForEveryOption() =>
        Assert.Equal(M.RankEveryOption, ErrorFor(Codes.Priorities, Valid(("a.priorities.rank.speed", [""]))).Message);

    [Fact]
    public void Read_ARequiredMatrixPartlyAnswered_AsksForEveryRow() =>
        Assert.Equal(M.AnswerEveryRow, ErrorFor(Codes.Statements, Valid(("a.statements.redress", []))).Message);

    [Theory]
    [InlineData("person@example")]
    [InlineData("person.example.org")]
    [InlineData("person@@example.org")]
    [InlineData("per son@example.org")]
    [InlineData("person@example..org")]
    [InlineData("person@-example.org")]
    [InlineData("<script>@example.org")]
    public void Read_AnInvalidEmail_IsRefused(string email) =>
        Assert.Equal(M.InvalidEmail, ErrorFor(Codes.Email, Valid((Codes.Email, [email]))).Message);

    [Theory]
    [InlineData("first.last+tag@example.org")]
    [InlineData("jean@exemple.fr")]
    [InlineData("user@bücher.de")]
    [InlineData("o'brien@sub.example.co.uk")]
    public void Read_AValidEmail_IsKept(string email)
    {
        var (answers, errors) = Read(Valid((Codes.Email, [email])));
        Assert.Empty(errors);
        Assert.Equal(email, answers.Text(Codes.Email));
    }

    [Theory]
    [InlineData("a.role.other")]
    [InlineData("a.topics.other")]
    public void Read_OtherChosenWithoutText_AsksForIt(string field)
    {
        var code = field.Split('.')[1];
        Assert.Equal(M.OtherNeedsText, ErrorFor(code, Valid((field, ["  "]))).Message);
    }

    [Fact]
    public void Read_OtherTextWithoutOtherChosen_IsNotStored()
    {
        var (answers, errors) = Read(Valid((Codes.Role, ["ngo"])));
        Assert.Empty(errors);
        Assert.False(answers.Has(AnswerSet.OtherKey(Codes.Role)));
    }

    [Fact]
    public void Read_TooFewSelections_SaysTheLeast()
    {
        var error = ErrorFor(Codes.Topics, Valid((Codes.Topics, ["safety"])));
        Assert.Equal(M.TooFewChoices, error.Message);
        Assert.Equal([2], error.Arguments);
    }

    [Fact]
    public void Read_TooManySelections_SaysTheMost() =>
        Assert.Equal(M.TooManyChoices, ErrorFor(Codes.Topics, Valid((Codes.Topics, ["safety", "privacy", "jobs", "climate"]))).Message);

    [Fact]
    public void Read_AStoredFile_IsTheAnswer()
    {
        var file = new FileAnswer(Guid.NewGuid(), "paper.pdf", 600, "application/pdf");
        var (answers, errors) = Read(Valid(), code => code == Codes.Paper ? new UploadOutcome(file, null) : null);
        Assert.Empty(errors);
        Assert.Equal(file, answers.File(Codes.Paper));
        var json = JsonDocument.Parse(answers.ToJson()).RootElement.GetProperty(Codes.Paper);
        Assert.Equal(["id", "name", "size", "type"], json.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Read_ARefusedFile_ReportsWhy()
    {
        var refused = new AnswerError(Codes.Paper, M.FileEmpty);
        Assert.Equal(refused, Assert.Single(Read(Valid(), code => code == Codes.Paper ? new UploadOutcome(null, refused) : null).Errors));
    }
}

/// <summary>The checks on an uploaded file, before it is stored.</summary>
public sealed class UploadedFileCheckTests
{
    private static readonly QuestionSnapshot Paper = QuestionnaireSnapshot.Of(EveryType("files", DateTimeOffset.UtcNow)).FindQuestion(Codes.Paper)!;

    [Theory]
    [InlineData("paper.pdf", "%PDF-1.4 rest", null)]
    [InlineData("PAPER.PDF", "%PDF-1.4 rest", null)]
    [InlineData("paper.docx", "PK\u0003\u0004rest", null)]
    [InlineData("paper.odt", "PK\u0003\u0004rest", null)]
    [InlineData("notes.txt", "Plain words, accentués.", null)]
    [InlineData("paper.exe", "MZ", M.FileWrongType)]
    [InlineData("paper", "%PDF-", M.FileWrongType)]
    [InlineData("paper.xlsx", "PK\u0003\u0004", M.FileWrongType)]
    [InlineData("paper.pdf", "<html>not a pdf</html>", M.FileContentMismatch)]
    [InlineData("paper.docx", "%PDF-1.4", M.FileContentMismatch)]
    [InlineData("notes.txt", "bin\0ary", M.FileContentMismatch)]
    public void Check_ExtensionAndContent_MustAgree(string name, string head, string? message)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(head);
        Assert.Equal(message, UploadedFile.Check(Paper, name, bytes.Length, bytes)?.Message);
    }

    [Fact]
    public void Check_AnEmptyFile_IsRefused() => Assert.Equal(M.FileEmpty, UploadedFile.Check(Paper, "paper.pdf", 0, [])?.Message);

    [Fact]
    public void Check_AFileOverTheLimit_IsRefused()
    {
        var error = UploadedFile.Check(Paper, "paper.pdf", 1024 * 1024 + 1, Pdf(10));
        Assert.Equal(M.FileTooLarge, error?.Message);
        Assert.Equal([1], error!.Arguments);
    }

    [Fact]
    public void Store_KeepsOnlyTheNameAndACoarseDay()
    {
        var stored = UploadedFile.Store(Guid.NewGuid(), Codes.Paper, @"C:\Users\someone\Desktop\paper.pdf", Pdf().Length, new DateTimeOffset(2026, 3, 4, 15, 37, 12, TimeSpan.FromHours(2)));
        Assert.Equal("paper.pdf", stored.FileName);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 0, 0, 0, TimeSpan.Zero), stored.UploadedOn);
        Assert.Equal(4, stored.Id.Version);
        Assert.Equal("application/pdf", stored.ContentType);
    }
}

/// <summary>The order of a date's fields follows the request culture.</summary>
public sealed class DateFieldOrderTests
{
    [Theory]
    [InlineData("en", "day month year")]
    [InlineData("en-GB", "day month year")]
    [InlineData("fr", "day month year")]
    [InlineData("sw", "day month year")]
    [InlineData("en-US", "month day year")]
    [InlineData("ja", "year month day")]
    [InlineData("ko", "year month day")]
    public void DateParts_FollowTheCulture(string culture, string expected) =>
        Assert.Equal(expected, string.Join(' ', QuestionView.DateParts(CultureInfo.GetCultureInfo(culture))));
}
