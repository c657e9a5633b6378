using Consultation.Web.Domain;

namespace Consultation.Web.Pages.Shared;

/// <summary>What the one question renderer (<c>_Question.cshtml</c>) needs: the question, its texts in one language, what was answered, and what is wrong.</summary>
public sealed record QuestionView(
    QuestionSnapshot Question,
    string Language,
    string Label,
    string Help,
    IReadOnlyList<(string Code, string Label)> Options,
    IReadOnlyList<string> Values,
    string? Error)
{
    public string Code => Question.Code;
    public string FieldName => FieldNameOf(Code);

    /// <summary>The id an error summary links to: the first control of the question.</summary>
    public string FirstControlId => AnchorOf(Code);

    public string HintId => $"hint-{Code}";
    public string ErrorId => $"error-{Code}";

    public string? DescribedBy
    {
        get
        {
            var ids = new[] { Help.Length > 0 ? HintId : null, Error is null ? null : ErrorId }.Where(i => i is not null);
            var joined = string.Join(' ', ids);
            return joined.Length == 0 ? null : joined;
        }
    }

    public string Value => Values.Count > 0 ? Values[0] : "";

    public bool IsChosen(string optionCode) => Values.Contains(optionCode);

    public static string FieldNameOf(string code) => $"a.{code}";

    public static string AnchorOf(string code) => $"q-{code}";

    public static QuestionView For(QuestionnaireSnapshot snapshot, string language, QuestionSnapshot question,
        IReadOnlyList<string> values, string? error) => new(
        question,
        language,
        snapshot.Text(language, ElementKey.Question(question.Code), TextField.Label),
        snapshot.Text(language, ElementKey.Question(question.Code), TextField.Help),
        question.Options.Select(o => (o.Code, snapshot.Text(language, ElementKey.Option(question.Code, o.Code), TextField.Label))).ToList(),
        values,
        error);
}
