using Consultation.Web.Domain;
using Consultation.Web.Domain.Conditions;
using Microsoft.Extensions.Localization;

namespace Consultation.Web.Pages.Respond;

/// <summary>A questionnaire's show-if conditions in words, in one content language ("Répondez seulement si …" wraps them).</summary>
public static class ConditionWords
{
    /// <summary>Describes a condition; one that no longer reads gives null rather than code.</summary>
    public static Func<string, string?> For(QuestionnaireSnapshot snapshot, string language, IStringLocalizer s)
    {
        string Label(string elementKey, string code) => snapshot.Text(language, elementKey, TextField.Label) is { Length: > 0 } label ? label : code;
        var describer = new ConditionDescriber(s,
            snapshot.Questions.Select(ConditionSubject.Of).ToList(),
            code => Label(ElementKey.Question(code), code),
            (question, option) => Label(ElementKey.Option(question, option), option),
            (question, row) => Label(ElementKey.Row(question, row), row));
        return condition =>
        {
            try
            {
                return describer.Describe(Condition.Parse(condition));
            }
            catch (ConditionException)
            {
                return null;
            }
        };
    }
}
