using System.Globalization;
using System.Text.Json;

namespace Consultation.Web.Domain;

/// <summary>A problem with one answer: the question it belongs to and an English message that is also its localization key.</summary>
public sealed record AnswerError(string QuestionCode, string Message, params object[] Arguments);

/// <summary>
/// Reads what a respondent posted against a questionnaire: the server's authoritative check of
/// every answer. Invalid input becomes an <see cref="AnswerError"/>, never an exception.
/// </summary>
public static class AnswerReader
{
    /// <summary>The messages this reader produces; each is a key in the shared UI resources.</summary>
    public static class Messages
    {
        public const string ChooseOne = "Select an answer";
        public const string ChooseAtLeastOne = "Select at least one answer";
        public const string EnterText = "Enter an answer";
        public const string EnterNumber = "Enter a number";
        public const string UnknownOption = "Select one of the answers shown";
        public const string TooManyChoices = "Select no more than {0} answers";
        public const string TooLong = "Your answer must be {0} characters or fewer (it has {1})";
        public const string NotANumber = "Enter a number, like {0}";
        public const string NotAWholeNumber = "Enter a whole number";
        public const string OutOfRange = "Enter a number between {0} and {1}";
        public const string TooSmall = "Enter a number of {0} or more";
        public const string TooLarge = "Enter a number of {0} or less";
    }

    public static (AnswerSet Answers, IReadOnlyList<AnswerError> Errors) Read(
        QuestionnaireSnapshot snapshot, Func<string, IReadOnlyList<string>> posted, CultureInfo culture, bool validate = true)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var errors = new List<AnswerError>();
        foreach (var question in snapshot.Questions)
        {
            var raw = posted(question.Code).Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
            var (value, error) = ReadOne(question, raw, culture);
            if (value is { } v)
                values[question.Code] = v;
            if (error is null && value is null && question.IsRequired)
                error = new AnswerError(question.Code, RequiredMessage(question));
            if (error is not null && validate)
                errors.Add(error);
        }
        return (new AnswerSet(values), errors);
    }

    private static (JsonElement?, AnswerError?) ReadOne(QuestionSnapshot question, List<string> raw, CultureInfo culture)
    {
        if (raw.Count == 0)
            return (null, null);
        switch (question.Type)
        {
            case QuestionType.SingleChoice or QuestionType.Scale:
                if (raw.Count > 1 || question.FindOption(raw[0]) is null)
                    return (null, new AnswerError(question.Code, Messages.UnknownOption));
                return (JsonSerializer.SerializeToElement(raw[0]), null);

            case QuestionType.MultipleChoice:
                var choices = raw.Distinct(StringComparer.Ordinal).ToList();
                if (choices.Any(c => question.FindOption(c) is null))
                    return (null, new AnswerError(question.Code, Messages.UnknownOption));
                var ordered = question.Options.Select(o => o.Code).Where(choices.Contains).ToList();
                var element = JsonSerializer.SerializeToElement(ordered);
                if (question.MaxSelections is { } max && ordered.Count > max)
                    return (element, new AnswerError(question.Code, Messages.TooManyChoices, max));
                return (element, null);

            case QuestionType.ShortText or QuestionType.LongText:
                var text = WithoutControlCharacters(string.Join("\n", raw));
                var textElement = JsonSerializer.SerializeToElement(text);
                var length = new StringInfo(text).LengthInTextElements;
                if (question.MaxLength is { } maxLength && length > maxLength)
                    return (textElement, new AnswerError(question.Code, Messages.TooLong, maxLength, length));
                return (textElement, null);

            case QuestionType.Number:
                return ReadNumber(question, raw, culture);

            default:
                return (null, null);
        }
    }

    private static (JsonElement?, AnswerError?) ReadNumber(QuestionSnapshot question, List<string> raw, CultureInfo culture)
    {
        var example = (question.AllowsDecimals ? 12.5m : 12m).ToString(culture);
        if (raw.Count > 1 || !TryParseNumber(raw[0], culture, out var number))
            return (null, new AnswerError(question.Code, Messages.NotANumber, example));
        if (!question.AllowsDecimals && number != decimal.Truncate(number))
            return (null, new AnswerError(question.Code, Messages.NotAWholeNumber));
        var (min, max) = (question.Minimum, question.Maximum);
        if ((min is not null && number < min) || (max is not null && number > max))
        {
            var error = (min, max) switch
            {
                ({ } lo, { } hi) => new AnswerError(question.Code, Messages.OutOfRange, lo, hi),
                ({ } lo, null) => new AnswerError(question.Code, Messages.TooSmall, lo),
                _ => new AnswerError(question.Code, Messages.TooLarge, max!.Value),
            };
            return (null, error);
        }
        return (JsonSerializer.SerializeToElement(number), null);
    }

    /// <summary>
    /// A number as written in the respondent's culture ("12,5" in French). A point is also taken as the
    /// decimal separator where the culture never uses it to group digits, since many keyboards only offer one.
    /// </summary>
    public static bool TryParseNumber(string text, CultureInfo culture, out decimal number)
    {
        const NumberStyles style = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite
            | NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        var format = culture.NumberFormat;
        var normalised = text.Replace('\u2212', '-');
        if (decimal.TryParse(normalised, style, format, out number))
            return true;
        return format.NumberDecimalSeparator != "." && format.NumberGroupSeparator != "."
            && decimal.TryParse(normalised, style, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>Line breaks become "\n" and tabs stay; other control characters (NUL among them, which PostgreSQL refuses) go.</summary>
    private static string WithoutControlCharacters(string text) =>
        string.Concat(text.Replace("\r\n", "\n", StringComparison.Ordinal).Where(c => !char.IsControl(c) || c is '\n' or '\t'));

    private static string RequiredMessage(QuestionSnapshot question) => question.Type switch
    {
        QuestionType.MultipleChoice => Messages.ChooseAtLeastOne,
        QuestionType.SingleChoice or QuestionType.Scale => Messages.ChooseOne,
        QuestionType.Number => Messages.EnterNumber,
        _ => Messages.EnterText,
    };
}
