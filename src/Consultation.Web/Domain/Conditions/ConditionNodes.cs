using System.Globalization;
using System.Text.Json;

namespace Consultation.Web.Domain.Conditions;

internal enum Comparison { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual }

/// <summary>A question (or one row of a matrix) as written in a condition, with where it was written.</summary>
internal sealed record Reference(string Code, int Position, string? Row = null, int RowPosition = -1)
{
    public override string ToString() => Row is null ? Code : $"{Code}.{Row}";

    /// <summary>The answer, or null when there is none: any test on an unanswered question is false.</summary>
    public JsonElement? Answer(AnswerSet answers)
    {
        if (!answers.Values.TryGetValue(Code, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (Row is null)
            return value;
        return value.ValueKind == JsonValueKind.Object && value.TryGetProperty(Row, out var cell) && cell.ValueKind != JsonValueKind.Null ? cell : null;
    }
}

/// <summary>A quoted text or a number, kept as written so the condition prints back the same.</summary>
internal sealed record Literal(string? Text, decimal? Number, string Source, int Position)
{
    /// <summary>Compares an answer with this value; null when they are not of the same kind (a shape that never matches).</summary>
    public int? CompareWith(JsonElement answer)
    {
        if (Text is not null && answer.ValueKind == JsonValueKind.String)
            return Math.Sign(string.CompareOrdinal(answer.GetString(), Text));
        if (Number is { } number && answer.ValueKind == JsonValueKind.Number && answer.TryGetDecimal(out var given))
            return given.CompareTo(number);
        return null;
    }

    public static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}

internal abstract record Node
{
    public abstract bool Evaluate(AnswerSet answers);

    public abstract IEnumerable<Reference> References();
}

internal sealed record OrNode(IReadOnlyList<Node> Items) : Node
{
    public override bool Evaluate(AnswerSet answers) => Items.Any(i => i.Evaluate(answers));

    public override IEnumerable<Reference> References() => Items.SelectMany(i => i.References());

    public override string ToString() => string.Join(" or ", Items);
}

internal sealed record AndNode(IReadOnlyList<Node> Items) : Node
{
    public override bool Evaluate(AnswerSet answers) => Items.All(i => i.Evaluate(answers));

    public override IEnumerable<Reference> References() => Items.SelectMany(i => i.References());

    // "or" binds more loosely than "and", so an "or" inside an "and" keeps its brackets.
    public override string ToString() => string.Join(" and ", Items.Select(i => i is OrNode ? $"({i})" : i.ToString()));
}

internal sealed record NotNode(Node Inner) : Node
{
    public override bool Evaluate(AnswerSet answers) => !Inner.Evaluate(answers);

    public override IEnumerable<Reference> References() => Inner.References();

    public override string ToString() => Inner is OrNode or AndNode ? $"not ({Inner})" : $"not {Inner}";
}

internal sealed record CompareNode(Reference Subject, Comparison Operator, int OperatorPosition, Literal Value) : Node
{
    public static readonly IReadOnlyDictionary<string, Comparison> Symbols = new Dictionary<string, Comparison>(StringComparer.Ordinal)
    {
        ["="] = Comparison.Equal, ["!="] = Comparison.NotEqual, ["<"] = Comparison.Less,
        ["<="] = Comparison.LessOrEqual, [">"] = Comparison.Greater, [">="] = Comparison.GreaterOrEqual,
    };

    public string Symbol => Symbols.First(s => s.Value == Operator).Key;

    public override bool Evaluate(AnswerSet answers)
    {
        if (Subject.Answer(answers) is not { } answer || Value.CompareWith(answer) is not { } order)
            return false;
        return Operator switch
        {
            Comparison.Equal => order == 0,
            Comparison.NotEqual => order != 0,
            Comparison.Less => order < 0,
            Comparison.LessOrEqual => order <= 0,
            Comparison.Greater => order > 0,
            _ => order >= 0,
        };
    }

    public override IEnumerable<Reference> References() => [Subject];

    public override string ToString() => $"{Subject} {Symbol} {Value.Source}";
}

internal sealed record InNode(Reference Subject, int KeywordPosition, IReadOnlyList<Literal> Values) : Node
{
    public override bool Evaluate(AnswerSet answers) =>
        Subject.Answer(answers) is { } answer && Values.Any(v => v.CompareWith(answer) == 0);

    public override IEnumerable<Reference> References() => [Subject];

    public override string ToString() => $"{Subject} in ({string.Join(", ", Values.Select(v => v.Source))})";
}

/// <summary>An option among the choices of a multiple choice or ranking, or the one choice of a single choice.</summary>
internal sealed record SelectedNode(Reference Subject, int KeywordPosition, Literal Option) : Node
{
    public override bool Evaluate(AnswerSet answers) => Subject.Answer(answers) switch
    {
        { ValueKind: JsonValueKind.Array } choices => choices.EnumerateArray().Any(c => c.ValueKind == JsonValueKind.String && c.GetString() == Option.Text),
        { ValueKind: JsonValueKind.String } choice => choice.GetString() == Option.Text,
        _ => false,
    };

    public override IEnumerable<Reference> References() => [Subject];

    public override string ToString() => $"selected({Subject}, {Option.Source})";
}

internal sealed record AnsweredNode(Reference Subject) : Node
{
    public override bool Evaluate(AnswerSet answers) => Subject.Answer(answers) is not null;

    public override IEnumerable<Reference> References() => [Subject];

    public override string ToString() => $"answered({Subject})";
}
