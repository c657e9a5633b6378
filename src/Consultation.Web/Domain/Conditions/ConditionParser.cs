using System.Globalization;
using static Consultation.Web.Domain.Conditions.ConditionError;

namespace Consultation.Web.Domain.Conditions;

internal enum TokenKind { Word, Text, Number, Symbol, End }

internal readonly record struct Token(TokenKind Kind, string Value, string Source, int Position)
{
    public bool Is(string symbolOrKeyword) => Kind is TokenKind.Symbol or TokenKind.Word && Value == symbolOrKeyword;
}

/// <summary>
/// Reads the text of a condition into its tree: syntax only, no questionnaire. Mirrored line for line
/// by wwwroot/js/conditions.js, so that both report the same error at the same position.
/// </summary>
internal sealed class ConditionParser
{
    private const int MostDigits = 15;

    private readonly string _text;
    private readonly List<Token> _tokens = [];
    private int _next;
    private int _depth;

    private ConditionParser(string text) => _text = text;

    public static (Node? Root, ConditionError? Error) Parse(string text)
    {
        if (text.Length > Condition.MaxLength)
            return (null, new ConditionError(ConditionErrorKind.TooLong, Condition.MaxLength, Messages.TooLong, Condition.MaxLength));
        var parser = new ConditionParser(text);
        try
        {
            parser.Tokenize();
            var root = parser.ParseOr();
            if (parser.Peek.Kind != TokenKind.End)
                throw parser.Expected(Messages.ExpectedAndOr);
            return (root, null);
        }
        catch (ConditionException e)
        {
            return (null, e.Error);
        }
    }

    private Token Peek => _tokens[_next];

    private void Tokenize()
    {
        var i = 0;
        while (i < _text.Length)
        {
            var c = _text[i];
            var start = i;
            if (c is ' ' or '\t' or '\r' or '\n')
                i++;
            else if (c is >= 'a' and <= 'z')
            {
                while (i < _text.Length && (_text[i] is >= 'a' and <= 'z' or >= '0' and <= '9' or '_'))
                    i++;
                Add(TokenKind.Word, _text[start..i], start);
            }
            else if (IsDigit(i) || (c == '-' && IsDigit(i + 1)))
            {
                i = SkipDigits(i + 1);
                if (i < _text.Length && _text[i] == '.' && IsDigit(i + 1))
                    i = SkipDigits(i + 1);
                var source = _text[start..i];
                if (source.Count(char.IsAsciiDigit) > MostDigits)
                    throw new ConditionException(new ConditionError(ConditionErrorKind.InvalidNumber, start, Messages.InvalidNumber));
                Add(TokenKind.Number, source, start);
            }
            else if (c == '\'')
                i = ReadText(start);
            else if (c is '<' or '>' or '!' && i + 1 < _text.Length && _text[i + 1] == '=')
            {
                i += 2;
                Add(TokenKind.Symbol, _text[start..i], start);
            }
            else if (c is '(' or ')' or ',' or '.' or '=' or '<' or '>')
            {
                i++;
                Add(TokenKind.Symbol, c.ToString(), start);
            }
            else
                throw new ConditionException(new ConditionError(ConditionErrorKind.UnexpectedCharacter, start, Messages.UnexpectedCharacter, char.IsSurrogate(c) ? char.ConvertFromUtf32(char.ConvertToUtf32(_text, start)) : c.ToString()));
        }
        _tokens.Add(new Token(TokenKind.End, "", "", _text.Length));
    }

    private int ReadText(int start)
    {
        var value = new System.Text.StringBuilder();
        var i = start + 1;
        while (true)
        {
            if (i >= _text.Length)
                throw new ConditionException(new ConditionError(ConditionErrorKind.UnterminatedString, start, Messages.UnterminatedString));
            if (_text[i] == '\'')
            {
                if (i + 1 < _text.Length && _text[i + 1] == '\'')
                {
                    value.Append('\'');
                    i += 2;
                    continue;
                }
                _tokens.Add(new Token(TokenKind.Text, value.ToString(), _text[start..(i + 1)], start));
                return i + 1;
            }
            value.Append(_text[i]);
            i++;
        }
    }

    private bool IsDigit(int i) => i < _text.Length && char.IsAsciiDigit(_text[i]);

    private int SkipDigits(int i)
    {
        while (IsDigit(i))
            i++;
        return i;
    }

    private void Add(TokenKind kind, string value, int position) => _tokens.Add(new Token(kind, value, value, position));

    private Node ParseOr()
    {
        var items = new List<Node> { ParseAnd() };
        while (Accept("or"))
            items.Add(ParseAnd());
        return items.Count == 1 ? items[0] : new OrNode(Flatten<OrNode>(items, o => o.Items));
    }

    private Node ParseAnd()
    {
        var items = new List<Node> { ParseUnary() };
        while (Accept("and"))
            items.Add(ParseUnary());
        return items.Count == 1 ? items[0] : new AndNode(Flatten<AndNode>(items, a => a.Items));
    }

    // (a and b) and c is a and b and c: one list, so the printed text reads back as the same tree.
    private static List<Node> Flatten<T>(List<Node> items, Func<T, IReadOnlyList<Node>> inner) where T : Node =>
        [.. items.SelectMany(i => i is T same ? inner(same) : [i])];

    private Node ParseUnary()
    {
        if (Peek.Is("not") || Peek.Is("("))
        {
            var opening = Take();
            if (++_depth > Condition.MaxDepth)
                throw new ConditionException(new ConditionError(ConditionErrorKind.TooDeep, opening.Position, Messages.TooDeep, Condition.MaxDepth));
            Node node;
            if (opening.Value == "not")
                node = new NotNode(ParseUnary());
            else
            {
                node = ParseOr();
                Expect(")");
            }
            _depth--;
            return node;
        }
        if (Peek.Is("selected"))
        {
            var keyword = Take();
            Expect("(");
            var subject = ParseReference();
            Expect(",");
            if (Peek.Kind != TokenKind.Text)
                throw Expected(Messages.ExpectedText);
            var option = ParseLiteral();
            Expect(")");
            return new SelectedNode(subject, keyword.Position, option);
        }
        if (Peek.Is("answered"))
        {
            Take();
            Expect("(");
            var subject = ParseReference();
            Expect(")");
            return new AnsweredNode(subject);
        }
        if (!IsQuestionCode(Peek))
            throw Expected(Messages.ExpectedTest);
        return ParseTest();
    }

    private Node ParseTest()
    {
        var subject = ParseReference();
        if (Peek.Is("in"))
        {
            var keyword = Take();
            Expect("(");
            var values = new List<Literal> { ParseLiteral() };
            while (Accept(","))
                values.Add(ParseLiteral());
            Expect(")");
            return new InNode(subject, keyword.Position, values);
        }
        if (Peek.Kind != TokenKind.Symbol || !CompareNode.Symbols.TryGetValue(Peek.Value, out var comparison))
            throw Expected(Messages.ExpectedOperator);
        var symbol = Take();
        return new CompareNode(subject, comparison, symbol.Position, ParseLiteral());
    }

    private Reference ParseReference()
    {
        if (!IsQuestionCode(Peek))
            throw Expected(Messages.ExpectedQuestion);
        var code = Take();
        if (!Accept("."))
            return new Reference(code.Value, code.Position);
        // A row code may be any word, even a keyword: after the dot it cannot be misread.
        if (Peek.Kind != TokenKind.Word)
            throw Expected(Messages.ExpectedRow);
        var row = Take();
        return new Reference(code.Value, code.Position, row.Value, row.Position);
    }

    private Literal ParseLiteral()
    {
        var token = Peek;
        if (token.Kind == TokenKind.Text)
            return new Literal(Take().Value, null, token.Source, token.Position);
        if (token.Kind == TokenKind.Number)
            return new Literal(null, decimal.Parse(Take().Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture), token.Source, token.Position);
        throw Expected(Messages.ExpectedValue);
    }

    private static bool IsQuestionCode(Token token) => token.Kind == TokenKind.Word && !Condition.ReservedWords.Contains(token.Value);

    private Token Take() => _tokens[_next++];

    private bool Accept(string symbolOrKeyword)
    {
        if (!Peek.Is(symbolOrKeyword))
            return false;
        _next++;
        return true;
    }

    private void Expect(string symbol)
    {
        if (!Accept(symbol))
            throw Expected(Messages.ExpectedSymbol, symbol);
    }

    /// <summary>What was needed is missing: at the end of the text that is an early end, elsewhere the token found is wrong.</summary>
    private ConditionException Expected(string message, params object[] arguments) => new(Peek.Kind == TokenKind.End
        ? new ConditionError(ConditionErrorKind.UnexpectedEnd, Peek.Position, Messages.UnexpectedEnd)
        : new ConditionError(ConditionErrorKind.Expected, Peek.Position, message, arguments));
}
