using Consultation.Web.Domain;
using Consultation.Web.Domain.Conditions;
using Microsoft.Extensions.Localization;

namespace Consultation.Web.Pages.Organise;

/// <summary>Stored conditions in words, with the questionnaire's own labels in the default language.</summary>
public sealed class ConditionWords(Domain.Consultation consultation, IStringLocalizer s)
{
    private readonly ConditionDescriber _describer = new(s,
        consultation.OrderedQuestions.Select(ConditionSubject.Of).ToList(),
        code => Label(consultation, ElementKey.Question(code), code),
        (question, option) => Label(consultation, ElementKey.Option(question, option), option),
        (question, row) => Label(consultation, ElementKey.Row(question, row), row));

    /// <summary>The condition in words; a condition that no longer reads is shown as written.</summary>
    public string Describe(string condition)
    {
        try
        {
            return _describer.Describe(Condition.Parse(condition));
        }
        catch (ConditionException)
        {
            return condition;
        }
    }

    private static string Label(Domain.Consultation consultation, string elementKey, string code) =>
        consultation.DefaultText(elementKey, TextField.Label) is { Length: > 0 } label ? label : code;
}
