using Consultation.Web.Domain.Conditions;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Consultation.Web.Domain;

/// <summary>A problem with one answer: the question it belongs to and an English message that is also its localization key.</summary>
public sealed record AnswerError(string QuestionCode, string Message, params object[] Arguments);

/// <summary>A file already stored for an upload question, as its answer records it.</summary>
public sealed record FileAnswer(Guid Id, string Name, long Size, string Type);

/// <summary>What became of an upload question's file before the answers were read: a stored file, a refused one, or none.</summary>
public sealed record UploadOutcome(FileAnswer? File, AnswerError? Error);

/// <summary>
/// Reads what a respondent posted against a questionnaire: the server's authoritative check of
/// every answer. Invalid input becomes an <see cref="AnswerError"/>, never an exception.
/// </summary>
/// <remarks>
/// The posted values are looked up by form field name (see <see cref="Field"/>): <c>a.{code}</c> for most
/// questions, <c>a.{code}.{row}</c> for a matrix row, <c>a.{code}.rank.{option}</c> for a ranking,
/// <c>a.{code}.other</c> for the text of "Other", <c>a.{code}.day|month|year</c> for a date.
/// </remarks>
public static partial class AnswerReader
{
    /// <summary>The longest text an "Other, please specify" answer may have.</summary>
    public const int OtherTextLength = 500;

    /// <summary>The longest email address (RFC 5321's path limit).</summary>
    public const int EmailLength = 254;

    /// <summary>The messages this reader produces; each is a key in the shared UI resources.</summary>
    public static class Messages
    {
        public const string ChooseOne = "Select an answer";
        public const string ChooseAtLeastOne = "Select at least one answer";
        public const string EnterText = "Enter an answer";
        public const string EnterNumber = "Enter a number";
        public const string UnknownOption = "Select one of the answers shown";
        public const string TooManyChoices = "Select no more than {0} answers";
        public const string TooFewChoices = "Select at least {0} answers";
        public const string TooLong = "Your answer must be {0} characters or fewer (it has {1})";
        public const string NotANumber = "Enter a number, like {0}";
        public const string NotAWholeNumber = "Enter a whole number";
        public const string OutOfRange = "Enter a number between {0} and {1}";
        public const string TooSmall = "Enter a number of {0} or more";
        public const string TooLarge = "Enter a number of {0} or less";
        public const string OtherNeedsText = "Enter your other answer";
        public const string OtherTooLong = "Your other answer must be {0} characters or fewer";
        public const string EnterDate = "Enter a date";
        public const string DateIncomplete = "A date must include a day, a month and a year";
        public const string DateNotReal = "Enter a real date: the day from 1 to 31, the month from 1 to 12 and the year in four digits";
        public const string DayBeyondMonth = "Enter a real date: that month has only {0} days";
        public const string ChooseRating = "Select a rating";
        public const string RatingOutOfRange = "Select a rating from {0} to {1}";
        public const string RankEveryOption = "Rank every option";
        public const string RanksDiffer = "Give each option a different rank";
        public const string RankOutOfRange = "Choose a rank from 1 to {0}";
        public const string AnswerEveryRow = "Select an answer for each statement";
        public const string ChooseYesOrNo = "Select yes or no";
        public const string EnterEmail = "Enter an email address";
        public const string InvalidEmail = "Enter an email address in the correct format, like name@example.com";
        public const string TickToConsent = "Tick the box to give your consent";
        public const string ChooseFile = "Select a file";
        public const string FileEmpty = "The selected file is empty";
        public const string FileTooLarge = "The selected file must be smaller than {0} MB";
        public const string FileQuota = "The files of one response must be smaller than {0} MB together: this file was not added";
        public const string FileWrongType = "The selected file must be one of these types: {0}";
        public const string FileContentMismatch = "The selected file is not really a {0} file";
        public const string FileGone = "Select the file again: the one uploaded before could not be found";
    }

    public const string Yes = "yes";
    public const string No = "no";

    /// <summary>The form field that carries a question's answer, or one part of it.</summary>
    public static string Field(string code, string? part = null) => part is null ? $"a.{code}" : $"a.{code}.{part}";

    public static string RankField(string code, string optionCode) => Field(code, $"rank.{optionCode}");

    public static (AnswerSet Answers, IReadOnlyList<AnswerError> Errors) Read(
        QuestionnaireSnapshot snapshot, Func<string, IReadOnlyList<string>> posted, CultureInfo culture, bool validate = true,
        Func<string, UploadOutcome?>? uploads = null)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var errors = new List<AnswerError>();
        foreach (var question in snapshot.Questions)
        {
            if (question.Type == QuestionType.Note)
                continue;
            var reading = new Reading(question, name => posted(name).Select(v => v.Trim()).Where(v => v.Length > 0).ToList(), culture);
            var (value, error) = question.Type == QuestionType.FileUpload
                ? ReadFile(question, uploads?.Invoke(question.Code))
                : ReadOne(reading);
            if (value is { } v)
                values[question.Code] = v;
            if (reading.OtherText is { } other && error is null)
                values[AnswerSet.OtherKey(question.Code)] = JsonSerializer.SerializeToElement(other);
            if (error is null && value is null && question.IsRequired)
                error = new AnswerError(question.Code, RequiredMessage(question));
            if (error is not null && validate)
                errors.Add(error);
        }
        // Answers to questions their conditions hide are discarded, and a hidden question is never required.
        var (shown, hidden) = Condition.ApplyShowIf(snapshot.Questions.Select(q => (q.Code, q.ShowIf)), new AnswerSet(values));
        return (shown, errors.Where(e => !hidden.Contains(e.QuestionCode)).ToList());
    }

    /// <summary>One question being read: its posted values by field, and the text of "Other" once it has been found valid.</summary>
    private sealed class Reading(QuestionSnapshot question, Func<string, List<string>> posted, CultureInfo culture)
    {
        public QuestionSnapshot Question { get; } = question;
        public CultureInfo Culture { get; } = culture;
        public string? OtherText { get; set; }
        public List<string> Values(string? part = null) => posted(Field(Question.Code, part));
        public AnswerError Error(string message, params object[] arguments) => new(Question.Code, message, arguments);
    }

    private static (JsonElement?, AnswerError?) ReadOne(Reading r)
    {
        var question = r.Question;
        switch (question.Type)
        {
            case QuestionType.SingleChoice or QuestionType.Scale:
            {
                var raw = r.Values();
                if (raw.Count == 0)
                    return (null, null);
                if (raw.Count > 1 || question.FindOption(raw[0]) is not { } option)
                    return (null, r.Error(Messages.UnknownOption));
                return (JsonSerializer.SerializeToElement(raw[0]), option.IsOther ? ReadOther(r) : null);
            }

            case QuestionType.MultipleChoice:
            {
                var choices = r.Values().Distinct(StringComparer.Ordinal).ToList();
                if (choices.Count == 0)
                    return (null, null);
                if (choices.Any(c => question.FindOption(c) is null))
                    return (null, r.Error(Messages.UnknownOption));
                var ordered = question.Options.Select(o => o.Code).Where(choices.Contains).ToList();
                var element = JsonSerializer.SerializeToElement(ordered);
                if (question.MaxSelections is { } max && ordered.Count > max)
                    return (element, r.Error(Messages.TooManyChoices, max));
                if (question.MinSelections is { } min && ordered.Count < min)
                    return (element, r.Error(Messages.TooFewChoices, min));
                var other = question.Options.Any(o => o.IsOther && ordered.Contains(o.Code)) ? ReadOther(r) : null;
                return (element, other);
            }

            case QuestionType.ShortText or QuestionType.LongText:
            {
                var raw = r.Values();
                if (raw.Count == 0)
                    return (null, null);
                var text = WithoutControlCharacters(string.Join("\n", raw));
                var textElement = JsonSerializer.SerializeToElement(text);
                var length = new StringInfo(text).LengthInTextElements;
                if (question.MaxLength is { } maxLength && length > maxLength)
                    return (textElement, r.Error(Messages.TooLong, maxLength, length));
                return (textElement, null);
            }

            case QuestionType.Number:
            {
                var raw = r.Values();
                return raw.Count == 0 ? (null, null) : ReadNumber(question, raw, r.Culture);
            }

            case QuestionType.Date:
                return ReadDate(r);

            case QuestionType.Rating:
            {
                var raw = r.Values();
                if (raw.Count == 0)
                    return (null, null);
                var (lo, hi) = ((int)(question.Minimum ?? 0), (int)(question.Maximum ?? 10));
                if (raw.Count > 1 || !int.TryParse(raw[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rating) || rating < lo || rating > hi)
                    return (null, r.Error(Messages.RatingOutOfRange, lo, hi));
                return (JsonSerializer.SerializeToElement(rating), null);
            }

            case QuestionType.Ranking:
                return ReadRanking(r);

            case QuestionType.Matrix:
                return ReadMatrix(r);

            case QuestionType.YesNo:
            {
                var raw = r.Values();
                if (raw.Count == 0)
                    return (null, null);
                if (raw.Count > 1 || raw[0] is not (Yes or No))
                    return (null, r.Error(Messages.UnknownOption));
                return (JsonSerializer.SerializeToElement(raw[0]), null);
            }

            case QuestionType.Email:
            {
                var raw = r.Values();
                if (raw.Count == 0)
                    return (null, null);
                var email = raw.Count == 1 ? raw[0] : "";
                if (!IsEmail(email))
                    return (null, r.Error(Messages.InvalidEmail));
                return (JsonSerializer.SerializeToElement(email), null);
            }

            case QuestionType.Consent:
            {
                var raw = r.Values();
                if (raw.Count == 0)
                    return (null, null);
                if (raw.Any(v => v != "true"))
                    return (null, r.Error(Messages.UnknownOption));
                return (JsonSerializer.SerializeToElement(true), null);
            }

            default:
                return (null, null);
        }
    }

    private static AnswerError? ReadOther(Reading r)
    {
        var text = WithoutControlCharacters(string.Join(" ", r.Values("other")));
        if (text.Length == 0)
            return r.Error(Messages.OtherNeedsText);
        if (new StringInfo(text).LengthInTextElements > OtherTextLength)
            return r.Error(Messages.OtherTooLong, OtherTextLength);
        r.OtherText = text;
        return null;
    }

    private static (JsonElement?, AnswerError?) ReadNumber(QuestionSnapshot question, List<string> raw, CultureInfo culture)
    {
        // A number, not text: the message formats it in the reader's culture ("12,5" in French) whatever culture the answer was read in.
        var example = question.AllowsDecimals ? 12.5m : 12m;
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
    /// A date from the three GOV.UK fields (day, month, year), stored as yyyy-MM-dd. A single ISO date in
    /// <c>a.{code}</c> is also taken, as an <c>&lt;input type="date"&gt;</c> would send it.
    /// </summary>
    private static (JsonElement?, AnswerError?) ReadDate(Reading r)
    {
        var (day, month, year) = (r.Values("day"), r.Values("month"), r.Values("year"));
        if (day.Count + month.Count + year.Count == 0)
        {
            var whole = r.Values();
            if (whole.Count == 0)
                return (null, null);
            return whole.Count == 1 && DateOnly.TryParseExact(whole[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso)
                ? (Iso(iso), null)
                : (null, r.Error(Messages.DateNotReal));
        }
        if (day.Count != 1 || month.Count != 1 || year.Count != 1)
            return (null, r.Error(Messages.DateIncomplete));
        if (!TryPart(day[0], 2, out var d) || !TryPart(month[0], 2, out var m) || year[0].Length != 4 || !TryPart(year[0], 4, out var y)
            || d is < 1 or > 31 || m is < 1 or > 12 || y < 1000)
            return (null, r.Error(Messages.DateNotReal));
        var daysInMonth = DateTime.DaysInMonth(y, m);
        if (d > daysInMonth)
            return (null, r.Error(Messages.DayBeyondMonth, daysInMonth));
        return (Iso(new DateOnly(y, m, d)), null);

        static JsonElement Iso(DateOnly date) => JsonSerializer.SerializeToElement(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        // Digits only (full-width digits from Japanese and Korean keyboards included), at most so many of them.
        static bool TryPart(string text, int maxDigits, out int value)
        {
            value = 0;
            var digits = text.Normalize(System.Text.NormalizationForm.FormKC);
            if (digits.Length == 0 || digits.Length > maxDigits || !digits.All(char.IsAsciiDigit))
                return false;
            value = int.Parse(digits, CultureInfo.InvariantCulture);
            return true;
        }
    }

    /// <summary>
    /// A ranking: one rank per option (1 = first). Ranks must differ; a required ranking ranks every option,
    /// an optional one may rank only some. Stored as the option codes in rank order.
    /// </summary>
    private static (JsonElement?, AnswerError?) ReadRanking(Reading r)
    {
        var question = r.Question;
        var n = question.Options.Count;
        var ranks = new List<(int Rank, string Code)>();
        foreach (var option in question.Options)
        {
            var raw = r.Values($"rank.{option.Code}");
            if (raw.Count == 0)
                continue;
            if (raw.Count > 1 || !int.TryParse(raw[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rank) || rank < 1 || rank > n)
                return (null, r.Error(Messages.RankOutOfRange, n));
            ranks.Add((rank, option.Code));
        }
        if (ranks.Count == 0)
            return (null, null);
        var ordered = JsonSerializer.SerializeToElement(ranks.OrderBy(x => x.Rank).Select(x => x.Code).ToList());
        if (ranks.Select(x => x.Rank).Distinct().Count() != ranks.Count)
            return (ordered, r.Error(Messages.RanksDiffer));
        if (question.IsRequired && ranks.Count < n)
            return (ordered, r.Error(Messages.RankEveryOption));
        return (ordered, null);
    }

    /// <summary>A matrix: each row answered with one of the scale's options; a required matrix answers every row.</summary>
    private static (JsonElement?, AnswerError?) ReadMatrix(Reading r)
    {
        var question = r.Question;
        var answered = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in question.Rows)
        {
            var raw = r.Values(row);
            if (raw.Count == 0)
                continue;
            if (raw.Count > 1 || question.FindOption(raw[0]) is null)
                return (null, r.Error(Messages.UnknownOption));
            answered[row] = raw[0];
        }
        if (answered.Count == 0)
            return (null, null);
        var element = JsonSerializer.SerializeToElement(answered);
        if (question.IsRequired && answered.Count < question.Rows.Count)
            return (element, r.Error(Messages.AnswerEveryRow));
        return (element, null);
    }

    private static (JsonElement?, AnswerError?) ReadFile(QuestionSnapshot question, UploadOutcome? outcome)
    {
        if (outcome?.Error is { } error)
            return (null, error);
        if (outcome?.File is not { } file)
            return (null, null);
        return (JsonSerializer.SerializeToElement(new { id = file.Id, name = file.Name, size = file.Size, type = file.Type }), null);
    }

    /// <summary>
    /// An address a mail server would take: one @, a local part of at most 64 characters without spaces, and a
    /// domain of dot-separated labels (letters in any script, digits, hyphens not at the ends) with at least one dot.
    /// </summary>
    public static bool IsEmail(string text)
    {
        if (text.Length > EmailLength || text.Count(c => c == '@') != 1)
            return false;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var (local, domain) = (text[..at], text[(at + 1)..]);
        return local.Length is > 0 and <= 64 && LocalPart().IsMatch(local) && Domain().IsMatch(domain);
    }

    [GeneratedRegex(@"^[^\s@""(),:;<>\[\]\\]+$")]
    private static partial Regex LocalPart();

    [GeneratedRegex(@"^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$")]
    private static partial Regex Domain();

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
        QuestionType.Date => Messages.EnterDate,
        QuestionType.Rating => Messages.ChooseRating,
        QuestionType.Ranking => Messages.RankEveryOption,
        QuestionType.Matrix => Messages.AnswerEveryRow,
        QuestionType.YesNo => Messages.ChooseYesOrNo,
        QuestionType.Email => Messages.EnterEmail,
        QuestionType.Consent => Messages.TickToConsent,
        QuestionType.FileUpload => Messages.ChooseFile,
        _ => Messages.EnterText,
    };
}
