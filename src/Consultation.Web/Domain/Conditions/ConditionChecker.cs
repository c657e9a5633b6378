using System.Globalization;
using static Consultation.Web.Domain.Conditions.ConditionError;

namespace Consultation.Web.Domain.Conditions;

/// <summary>
/// The type rules: which questions a condition may name and what it may ask of each. The first problem,
/// reading left to right, is the one reported (as wwwroot/js/conditions.js does).
/// </summary>
internal sealed class ConditionChecker(IReadOnlyList<ConditionSubject> earlier, string? selfCode, IReadOnlyCollection<string>? laterCodes)
{
    private readonly Dictionary<string, ConditionSubject> _earlier = earlier.GroupBy(s => s.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>The question types answered by one option code, as a matrix row is.</summary>
    private static bool IsOneChoice(QuestionType type) => type is QuestionType.SingleChoice or QuestionType.Scale or QuestionType.YesNo or QuestionType.Matrix;

    public ConditionError? Check(Node node) => node switch
    {
        OrNode or => or.Items.Select(Check).FirstOrDefault(e => e is not null),
        AndNode and => and.Items.Select(Check).FirstOrDefault(e => e is not null),
        NotNode not => Check(not.Inner),
        AnsweredNode answered => Resolve(answered.Subject, wholeMatrixAllowed: true).Error,
        SelectedNode selected => CheckSelected(selected),
        CompareNode compare => CheckCompare(compare),
        InNode @in => CheckIn(@in),
        _ => throw new InvalidOperationException($"Unknown condition node {node.GetType().Name}."),
    };

    private ConditionError? CheckSelected(SelectedNode node)
    {
        var (subject, error) = Resolve(node.Subject);
        if (error is not null)
            return error;
        if (node.Subject.Row is not null || subject!.Type is not (QuestionType.SingleChoice or QuestionType.MultipleChoice or QuestionType.Ranking))
            return NotAllowed(node.Subject, "selected", node.KeywordPosition);
        return CheckOption(node.Subject, subject, node.Option);
    }

    private ConditionError? CheckCompare(CompareNode node)
    {
        var (subject, error) = Resolve(node.Subject);
        if (error is not null)
            return error;
        var equality = node.Operator is Comparison.Equal or Comparison.NotEqual;
        switch (subject!.Type)
        {
            case var type when IsOneChoice(type) && equality:
                return CheckOption(node.Subject, subject, node.Value);
            case QuestionType.ShortText or QuestionType.LongText or QuestionType.Email when equality:
                return node.Value.Text is null ? LiteralError(node.Subject, node.Value) : null;
            case QuestionType.Number or QuestionType.Rating:
                return node.Value.Number is null ? LiteralError(node.Subject, node.Value) : null;
            case QuestionType.Date:
                return CheckDate(node.Subject, node.Value);
            default:
                return NotAllowed(node.Subject, node.Symbol, node.OperatorPosition);
        }
    }

    private ConditionError? CheckIn(InNode node)
    {
        var (subject, error) = Resolve(node.Subject);
        if (error is not null)
            return error;
        if (IsOneChoice(subject!.Type))
            return node.Values.Select(v => CheckOption(node.Subject, subject, v)).FirstOrDefault(e => e is not null);
        if (subject.Type is QuestionType.Number or QuestionType.Rating)
            return node.Values.Where(v => v.Number is null).Select(v => LiteralError(node.Subject, v)).FirstOrDefault();
        return NotAllowed(node.Subject, "in", node.KeywordPosition);
    }

    /// <summary>Finds the question named; a whole matrix is only asked whether it is answered.</summary>
    private (ConditionSubject? Subject, ConditionError? Error) Resolve(Reference reference, bool wholeMatrixAllowed = false)
    {
        var code = reference.Code;
        if (code == selfCode)
            return (null, new ConditionError(ConditionErrorKind.SelfReference, reference.Position, Messages.SelfReference, code));
        if (!_earlier.TryGetValue(code, out var subject))
        {
            return laterCodes?.Contains(code) == true
                ? (null, new ConditionError(ConditionErrorKind.LaterQuestion, reference.Position, Messages.LaterQuestion, code))
                : (null, new ConditionError(ConditionErrorKind.UnknownQuestion, reference.Position, Messages.UnknownQuestion, code));
        }
        if (subject.Type == QuestionType.Note)
            return (null, new ConditionError(ConditionErrorKind.NoteQuestion, reference.Position, Messages.NoteQuestion, code));
        if (reference.Row is { } row)
        {
            if (subject.Type != QuestionType.Matrix)
                return (null, new ConditionError(ConditionErrorKind.RowNotAllowed, reference.RowPosition, Messages.RowNotAllowed, code));
            if (!subject.RowCodes.Contains(row))
                return (null, new ConditionError(ConditionErrorKind.UnknownRow, reference.RowPosition, Messages.UnknownRow, code, row));
        }
        else if (subject.Type == QuestionType.Matrix && !wholeMatrixAllowed)
        {
            var example = $"{code}.{(subject.RowCodes.Count > 0 ? subject.RowCodes[0] : "row")}";
            return (null, new ConditionError(ConditionErrorKind.RowNeeded, reference.Position, Messages.RowNeeded, code, example));
        }
        return (subject, null);
    }

    private static ConditionError? CheckOption(Reference reference, ConditionSubject subject, Literal value)
    {
        if (value.Text is null)
            return LiteralError(reference, value);
        IReadOnlyList<string> options = subject.Type == QuestionType.YesNo ? ["yes", "no"] : subject.OptionCodes;
        return options.Contains(value.Text)
            ? null
            : new ConditionError(ConditionErrorKind.UnknownOption, value.Position, Messages.UnknownOption, reference.ToString(), value.Text);
    }

    private static ConditionError? CheckDate(Reference reference, Literal value)
    {
        if (value.Text is null)
            return LiteralError(reference, value);
        return IsDate(value.Text) ? null : new ConditionError(ConditionErrorKind.InvalidDate, value.Position, Messages.InvalidDate, value.Text);
    }

    public static bool IsDate(string text) =>
        text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static ConditionError LiteralError(Reference reference, Literal value) => value.Number is null
        ? new ConditionError(ConditionErrorKind.WrongLiteral, value.Position, Messages.NumberNeeded, reference.ToString())
        : new ConditionError(ConditionErrorKind.WrongLiteral, value.Position, Messages.TextNeeded, reference.ToString());

    private static ConditionError NotAllowed(Reference reference, string what, int position) =>
        new(ConditionErrorKind.OperatorNotAllowed, position, Messages.OperatorNotAllowed, reference.ToString(), what);
}
