namespace Consultation.Web.Localization;

using System.Globalization;
using Consultation.Web.Domain;
using Consultation.Web.Domain.Conditions;
using Microsoft.Extensions.Localization;

/// <summary>
/// A checked condition in words, in the UI language, for organisers and analysts: "“Who are you?” is
/// “An NGO” and “Staff” is more than 10". Each test is one whole-sentence template, so translators see
/// full sentences; numbers and dates are written in the current culture.
/// </summary>
/// <param name="s">The shared localizer (SharedResource).</param>
/// <param name="questions">The questions the condition may name, for their types.</param>
/// <param name="questionLabel">A question's label from its code.</param>
/// <param name="optionLabel">An option's label from the question and option codes.</param>
/// <param name="rowLabel">A matrix row's label from the question and row codes.</param>
public sealed class ConditionDescriber(
    IStringLocalizer s,
    IReadOnlyList<ConditionSubject> questions,
    Func<string, string> questionLabel,
    Func<string, string, string> optionLabel,
    Func<string, string, string> rowLabel)
{
    private const string ListSeparator = ", ";

    private readonly Dictionary<string, QuestionType> _types =
        questions.GroupBy(q => q.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Type, StringComparer.Ordinal);

    public string Describe(Condition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return Describe(condition.Root);
    }

    private string Describe(Node node) => node switch
    {
        OrNode or => or.Items.Select(Describe).Aggregate((all, next) => s["{0} or {1}", all, next]),
        // "or" inside "and" is wrapped, so "a and either b or c" cannot be read as "(a and b) or c".
        AndNode and => and.Items.Select(i => i is OrNode ? s["either {0}", Describe(i)] : Describe(i)).Aggregate((all, next) => s["{0} and {1}", all, next]),
        NotNode { Inner: AnsweredNode answered } => answered.Subject.Row is { } row
            ? s["For “{0}”, “{1}” is not answered", questionLabel(answered.Subject.Code), rowLabel(answered.Subject.Code, row)]
            : s["“{0}” is not answered", questionLabel(answered.Subject.Code)],
        NotNode not => s["not ({0})", Describe(not.Inner)],
        AnsweredNode answered => answered.Subject.Row is { } row
            ? s["For “{0}”, “{1}” is answered", questionLabel(answered.Subject.Code), rowLabel(answered.Subject.Code, row)]
            : s["“{0}” is answered", questionLabel(answered.Subject.Code)],
        SelectedNode selected => TypeOf(selected.Subject) == QuestionType.SingleChoice
            ? s["“{0}” is “{1}”", questionLabel(selected.Subject.Code), Value(selected.Subject, selected.Option)]
            : s["“{0}” includes “{1}”", questionLabel(selected.Subject.Code), Value(selected.Subject, selected.Option)],
        InNode @in => DescribeIn(@in),
        CompareNode compare => DescribeCompare(compare),
        _ => throw new InvalidOperationException($"Unknown condition node {node.GetType().Name}."),
    };

    private string DescribeIn(InNode node)
    {
        var values = string.Join(ListSeparator, node.Values.Select(v => Value(node.Subject, v)));
        return node.Subject.Row is { } row
            ? s["For “{0}”, “{1}” is one of: {2}", questionLabel(node.Subject.Code), rowLabel(node.Subject.Code, row), values]
            : s["“{0}” is one of: {1}", questionLabel(node.Subject.Code), values];
    }

    private string DescribeCompare(CompareNode node)
    {
        var question = questionLabel(node.Subject.Code);
        var value = Value(node.Subject, node.Value);
        if (node.Subject.Row is { } row)
        {
            var statement = rowLabel(node.Subject.Code, row);
            return node.Operator == Comparison.Equal
                ? s["For “{0}”, “{1}” is “{2}”", question, statement, value]
                : s["For “{0}”, “{1}” is not “{2}”", question, statement, value];
        }
        if (TypeOf(node.Subject) == QuestionType.Date)
        {
            return node.Operator switch
            {
                Comparison.Equal => s["“{0}” is on {1}", question, value],
                Comparison.NotEqual => s["“{0}” is not on {1}", question, value],
                Comparison.Less => s["“{0}” is before {1}", question, value],
                Comparison.LessOrEqual => s["“{0}” is on or before {1}", question, value],
                Comparison.Greater => s["“{0}” is after {1}", question, value],
                _ => s["“{0}” is on or after {1}", question, value],
            };
        }
        if (node.Value.Number is not null)
        {
            return node.Operator switch
            {
                Comparison.Equal => s["“{0}” equals {1}", question, value],
                Comparison.NotEqual => s["“{0}” does not equal {1}", question, value],
                Comparison.Less => s["“{0}” is less than {1}", question, value],
                Comparison.LessOrEqual => s["“{0}” is {1} or less", question, value],
                Comparison.Greater => s["“{0}” is more than {1}", question, value],
                _ => s["“{0}” is {1} or more", question, value],
            };
        }
        return node.Operator == Comparison.Equal
            ? s["“{0}” is “{1}”", question, value]
            : s["“{0}” is not “{1}”", question, value];
    }

    /// <summary>A value as the respondent saw it: an option's label, a number or date in the UI's culture, or the text itself.</summary>
    private string Value(Reference subject, Literal literal)
    {
        var culture = CultureInfo.CurrentCulture;
        if (literal.Number is { } number)
            return number.ToString(culture);
        var text = literal.Text!;
        return TypeOf(subject) switch
        {
            QuestionType.YesNo => text == "yes" ? s["Yes"] : s["No"],
            QuestionType.SingleChoice or QuestionType.MultipleChoice or QuestionType.Scale or QuestionType.Ranking or QuestionType.Matrix => optionLabel(subject.Code, text),
            QuestionType.Date when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => date.ToString("D", culture),
            _ => text,
        };
    }

    private QuestionType? TypeOf(Reference subject) => _types.TryGetValue(subject.Code, out var type) ? type : null;
}
