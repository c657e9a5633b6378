namespace Consultation.Web.Localization;

using System.Globalization;
using Consultation.Web.Domain;
using Microsoft.Extensions.Localization;

/// <summary>
/// Answers in words, in the content language (options by their text, dates and numbers in the current culture): for the
/// receipt, the review page and the respondent's printable copy.
/// </summary>
public static class AnswerText
{
    /// <summary>Each answered question among <paramref name="questions"/>: its label and its answer.</summary>
    public static List<(string Label, string Answer)> Lines(QuestionnaireSnapshot snapshot, IEnumerable<QuestionSnapshot> questions,
        AnswerSet answers, string language, IStringLocalizer s) =>
        questions.Where(q => answers.Has(q.Code))
            .Select(q => (snapshot.Text(language, ElementKey.Question(q.Code), TextField.Label), Of(snapshot, q, answers, language, s)!))
            .ToList();

    /// <summary>The question's answer in words, or null when it was not answered.</summary>
    public static string? Of(QuestionnaireSnapshot snapshot, QuestionSnapshot question, AnswerSet answers, string language, IStringLocalizer s)
    {
        if (!answers.Has(question.Code))
            return null;
        var answer = question.Type switch
        {
            QuestionType.Number => answers.Number(question.Code)?.ToString(CultureInfo.CurrentCulture) ?? "",
            QuestionType.Rating => answers.Number(question.Code)?.ToString(CultureInfo.CurrentCulture) ?? "",
            QuestionType.ShortText or QuestionType.LongText or QuestionType.Email => answers.Text(question.Code) ?? "",
            QuestionType.Date => DateOnly.TryParseExact(answers.Text(question.Code), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date.ToString("D", CultureInfo.CurrentCulture) : "",
            QuestionType.YesNo => answers.Text(question.Code) == AnswerReader.Yes ? s["Yes"] : s["No"],
            QuestionType.Consent => answers.IsTrue(question.Code) ? s["Yes"] : "",
            QuestionType.FileUpload => answers.File(question.Code)?.Name ?? "",
            QuestionType.Matrix => string.Join("; ", question.Rows.Where(row => answers.Row(question.Code, row) is not null).Select(row =>
                $"{snapshot.Text(language, ElementKey.Row(question.Code, row), TextField.Label)}: "
                + snapshot.Text(language, ElementKey.Option(question.Code, answers.Row(question.Code, row)!), TextField.Label))),
            _ => string.Join(", ", answers.Choices(question.Code)
                .Select(code => snapshot.Text(language, ElementKey.Option(question.Code, code), TextField.Label))),
        };
        if (answers.Text(AnswerSet.OtherKey(question.Code)) is { } other)
            answer = $"{answer}: {other}";
        return answer;
    }
}
