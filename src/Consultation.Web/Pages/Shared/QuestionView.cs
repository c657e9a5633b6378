namespace Consultation.Web.Pages.Shared;

using System.Globalization;
using Consultation.Web.Domain;

/// <summary>What the one question renderer (<c>_Question.cshtml</c>) needs: the question, its texts in one language, what was answered, and what is wrong.</summary>
public sealed record QuestionView(
    QuestionSnapshot Question,
    string Language,
    string Label,
    string Help,
    IReadOnlyList<(string Code, string Label)> Options,
    Func<string, IReadOnlyList<string>> Posted,
    string? Error)
{
    /// <summary>A matrix's statements, in order, in the view's language.</summary>
    public IReadOnlyList<(string Code, string Label)> Rows { get; init; } = [];

    /// <summary>The file already stored for an upload question, kept when the page is shown again.</summary>
    public FileAnswer? File { get; init; }

    /// <summary>When the question applies, in words, for a page without scripts (show-if.js hides it and the question instead).</summary>
    public string? ConditionHint { get; init; }

    /// <summary>Whether the error is about the text of "Other" (then that input, not the choices, is marked invalid).</summary>
    public bool OtherIsInvalid { get; init; }

    public string Code => Question.Code;
    public string FieldName => FieldNameOf(Code);

    /// <summary>The id an error summary links to: the first control of the question.</summary>
    public string FirstControlId => AnchorOf(Code);

    /// <summary>Where the error summary's link goes: the text of "Other" when that is what is wrong, else the first control.</summary>
    public string ErrorTargetId => OtherIsInvalid ? OtherId : FirstControlId;

    public string HintId => $"hint-{Code}";
    public string ErrorId => $"error-{Code}";

    /// <summary>The text input of "Other, please specify".</summary>
    public string OtherId => $"{FirstControlId}-other";

    public string OtherFieldName => AnswerReader.Field(Code, "other");

    public string? OtherOption => Question.Options.FirstOrDefault(o => o.IsOther)?.Code;

    public string? DescribedBy
    {
        get
        {
            var ids = new[] { Help.Length > 0 ? HintId : null, Error is null ? null : ErrorId }.Where(i => i is not null);
            var joined = string.Join(' ', ids);
            return joined.Length == 0 ? null : joined;
        }
    }

    public IReadOnlyList<string> Values => Posted(FieldName);

    public string Value => Values.Count > 0 ? Values[0] : "";

    /// <summary>What was posted in one part of the question's fields (a date's day, the text of "Other", a matrix row).</summary>
    public string ValueOf(string part) => Posted(AnswerReader.Field(Code, part)) is { Count: > 0 } values ? values[0] : "";

    public bool IsChosen(string optionCode) => Values.Contains(optionCode);

    public string RankOf(string optionCode) => Posted(AnswerReader.RankField(Code, optionCode)) is { Count: > 0 } values ? values[0] : "";

    /// <summary>
    /// The order of a date's three fields in the request culture: year first in Japanese and Korean, month first
    /// in a specific culture that writes it so (US English), otherwise day first as GOV.UK does (neutral English too,
    /// whose .NET pattern is the American one).
    /// </summary>
    public static IReadOnlyList<string> DateParts(CultureInfo culture)
    {
        var pattern = culture.DateTimeFormat.ShortDatePattern.TrimStart();
        return pattern.StartsWith('y') ? ["year", "month", "day"]
            : pattern.StartsWith('M') && !culture.IsNeutralCulture ? ["month", "day", "year"]
            : ["day", "month", "year"];
    }

    public static string FieldNameOf(string code) => AnswerReader.Field(code);

    public static string AnchorOf(string code) => $"q-{code}";

    public static QuestionView For(QuestionnaireSnapshot snapshot, string language, QuestionSnapshot question,
        IReadOnlyList<string> values, string? error) =>
        For(snapshot, language, question, name => name == FieldNameOf(question.Code) ? values : [], error);

    public static QuestionView For(QuestionnaireSnapshot snapshot, string language, QuestionSnapshot question,
        Func<string, IReadOnlyList<string>> posted, string? error, FileAnswer? file = null, string? errorKey = null) => new(
        question,
        language,
        snapshot.Text(language, ElementKey.Question(question.Code), TextField.Label),
        snapshot.Text(language, ElementKey.Question(question.Code), TextField.Help),
        question.Options.Select(o => (o.Code, snapshot.Text(language, ElementKey.Option(question.Code, o.Code), TextField.Label))).ToList(),
        posted,
        error)
    {
        Rows = question.Rows.Select(r => (r, snapshot.Text(language, ElementKey.Row(question.Code, r), TextField.Label))).ToList(),
        File = file,
        OtherIsInvalid = errorKey is AnswerReader.Messages.OtherNeedsText or AnswerReader.Messages.OtherTooLong,
    };
}
