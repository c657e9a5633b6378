using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Consultation.Web.Domain.Conditions;

/// <summary>A question as a condition may see it: its code, its type, and the codes of its options and rows.</summary>
public sealed record ConditionSubject(string Code, QuestionType Type, IReadOnlyList<string> OptionCodes, IReadOnlyList<string> RowCodes)
{
    public static ConditionSubject Of(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return new(question.Code, question.Type, [.. question.Options.OrderBy(o => o.Position).Select(o => o.Code)], [.. question.Rows.OrderBy(r => r.Position).Select(r => r.Code)]);
    }

    public static ConditionSubject Of(QuestionSnapshot question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return new(question.Code, question.Type, [.. question.Options.Select(o => o.Code)], question.Rows);
    }
}

/// <summary>Either a condition that passed every rule, or the first thing wrong with it.</summary>
public sealed class ConditionResult
{
    private ConditionResult(Condition? condition, ConditionError? error) => (Condition, Error) = (condition, error);

    public Condition? Condition { get; }
    public ConditionError? Error { get; }

    [MemberNotNullWhen(true, nameof(Condition))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Condition is not null;

    internal static ConditionResult Valid(Condition condition) => new(condition, null);

    internal static ConditionResult Invalid(ConditionError error) => new(null, error);
}

/// <summary>
/// A show-if condition on earlier answers, such as <c>role = 'ngo' and (staff &gt; 10 or not answered(country))</c>.
/// The server's evaluation is the authoritative one; wwwroot/js/conditions.js gives the same results in the
/// browser, and tests/…/Conditions/condition-cases.json holds the cases both must pass.
/// </summary>
public sealed class Condition
{
    public const int MaxLength = 2000;
    public const int MaxDepth = 20;

    private readonly Node _root;

    private Condition(Node root)
    {
        _root = root;
        Text = root.ToString()!;
        References = root.References().Select(r => r.Code).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The words of the language: a question code must not be one of them.</summary>
    public static IReadOnlySet<string> ReservedWords { get; } =
        new[] { "and", "or", "not", "in", "selected", "answered" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The condition printed the one standard way: single spaces, only the brackets it needs.</summary>
    public string Text { get; }

    /// <summary>The codes of the questions the condition reads.</summary>
    public IReadOnlySet<string> References { get; }

    internal Node Root => _root;

    /// <summary>Parses the text and checks it against the questions before the one it belongs to.</summary>
    /// <param name="earlier">The questions before this one, in order.</param>
    /// <param name="selfCode">The question the condition belongs to, which it must not read.</param>
    /// <param name="laterCodes">The questions after this one, so that naming one says "later" rather than "unknown".</param>
    public static ConditionResult Check(string text, IReadOnlyList<ConditionSubject> earlier, string? selfCode = null, IReadOnlyCollection<string>? laterCodes = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(earlier);
        var (root, error) = ConditionParser.Parse(text);
        error ??= new ConditionChecker(earlier, selfCode, laterCodes).Check(root!);
        return error is null ? ConditionResult.Valid(new Condition(root!)) : ConditionResult.Invalid(error);
    }

    /// <summary>Reads a condition that was checked when it was saved; only its syntax is checked again.</summary>
    /// <exception cref="ConditionException">The text is not a condition.</exception>
    public static Condition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (root, error) = ConditionParser.Parse(text);
        return error is null ? new Condition(root!) : throw new ConditionException(error);
    }

    /// <summary>Whether the question is shown. Never throws: an answer of an unexpected shape simply does not match.</summary>
    public bool Evaluate(AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return _root.Evaluate(answers);
    }

    /// <summary>
    /// The condition with a question's code changed, written as the organiser wrote it otherwise
    /// (spacing, brackets and row codes untouched).
    /// </summary>
    /// <exception cref="ConditionException">The text is not a condition.</exception>
    public static string Rename(string text, string oldCode, string newCode)
    {
        ArgumentNullException.ThrowIfNull(oldCode);
        ArgumentNullException.ThrowIfNull(newCode);
        if (!Consultation.CodePattern().IsMatch(newCode) || ReservedWords.Contains(newCode))
            throw new ArgumentException($"'{newCode}' cannot be a question code.", nameof(newCode));
        var positions = Parse(text)._root.References().Where(r => r.Code == oldCode).Select(r => r.Position).OrderDescending();
        var renamed = new StringBuilder(text);
        foreach (var position in positions)
            renamed.Remove(position, oldCode.Length).Insert(position, newCode);
        return renamed.ToString();
    }

    /// <summary>
    /// Applies every question's show-if, in questionnaire order, as show-if.js does in the browser: a hidden
    /// question's answer (and its "Other" text) is dropped, so the conditions after it see it unanswered.
    /// A stored condition that no longer parses shows its question.
    /// </summary>
    public static (AnswerSet Shown, IReadOnlySet<string> Hidden) ApplyShowIf(IEnumerable<(string Code, string? ShowIf)> questionsInOrder, AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(questionsInOrder);
        ArgumentNullException.ThrowIfNull(answers);
        var shown = new Dictionary<string, System.Text.Json.JsonElement>(answers.Values, StringComparer.Ordinal);
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (code, showIf) in questionsInOrder)
        {
            if (string.IsNullOrWhiteSpace(showIf) || IsShown(showIf, new AnswerSet(shown)))
                continue;
            hidden.Add(code);
            shown.Remove(code);
            shown.Remove(AnswerSet.OtherKey(code));
        }
        return (new AnswerSet(shown), hidden);
    }

    private static bool IsShown(string showIf, AnswerSet answers)
    {
        var (root, error) = ConditionParser.Parse(showIf);
        return error is not null || root!.Evaluate(answers);
    }

    public override string ToString() => Text;
}
