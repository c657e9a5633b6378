namespace Consultation.Web.Localization;

using Consultation.Web.Domain;
using Consultation.Web.Domain.Conditions;
using Microsoft.Extensions.Localization;

/// <summary>
/// Show-if conditions in words, in the interface language, naming questions, options and rows by their labels: for
/// organisers a draft's labels in its default language, for respondents a published version's in their language
/// ("Répondez seulement si …" wraps them). A label not written yet is shown as its code.
/// </summary>
public sealed class ConditionWords
{
    private readonly ConditionDescriber _describer;

    /// <summary>For organisers: a draft's conditions, with its labels in the default language.</summary>
    public ConditionWords(Consultation draft, IStringLocalizer s)
        : this(s, [.. draft.OrderedQuestions.Select(ConditionSubject.Of)], elementKey => draft.DefaultText(elementKey, TextField.Label))
    {
    }

    private ConditionWords(QuestionnaireSnapshot snapshot, string language, IStringLocalizer s)
        : this(s, [.. snapshot.Questions.Select(ConditionSubject.Of)], elementKey => snapshot.Text(language, elementKey, TextField.Label))
    {
    }

    private ConditionWords(IStringLocalizer s, IReadOnlyList<ConditionSubject> questions, Func<string, string?> labelOf)
    {
        string Label(string elementKey, string code) => labelOf(elementKey) is { Length: > 0 } label ? label : code;
        _describer = new ConditionDescriber(s, questions,
            code => Label(ElementKey.Question(code), code),
            (question, option) => Label(ElementKey.Option(question, option), option),
            (question, row) => Label(ElementKey.Row(question, row), row));
    }

    /// <summary>For respondents: describes a published version's conditions; one that no longer reads gives null rather than code.</summary>
    public static Func<string, string?> For(QuestionnaireSnapshot snapshot, string language, IStringLocalizer s) =>
        new ConditionWords(snapshot, language, s).TryDescribe;

    /// <summary>The condition in words; one that no longer reads is shown as written, for its organiser to mend.</summary>
    public string Describe(string condition) => TryDescribe(condition) ?? condition;

    /// <summary>The condition in words, or null when it no longer reads.</summary>
    public string? TryDescribe(string condition)
    {
        try
        {
            return _describer.Describe(Condition.Parse(condition));
        }
        catch (ConditionException)
        {
            return null;
        }
    }
}
