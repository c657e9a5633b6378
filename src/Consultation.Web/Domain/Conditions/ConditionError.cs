namespace Consultation.Web.Domain.Conditions;

/// <summary>What is wrong with a condition; the browser's checker reports the same names.</summary>
public enum ConditionErrorKind
{
    // Syntax
    UnexpectedCharacter,
    UnterminatedString,
    InvalidNumber,
    Expected,
    UnexpectedEnd,
    TooLong,
    TooDeep,

    // Against the questionnaire
    UnknownQuestion,
    SelfReference,
    LaterQuestion,
    NoteQuestion,
    UnknownOption,
    UnknownRow,
    RowNeeded,
    RowNotAllowed,
    OperatorNotAllowed,
    WrongLiteral,
    InvalidDate,
}

/// <summary>
/// A problem in a condition: its kind, where it starts in the text (0-based; the text's length when the
/// condition ends too early), and an English message that is also its localization key.
/// </summary>
public sealed record ConditionError(ConditionErrorKind Kind, int Position, string Message, params object[] Arguments)
{
    /// <summary>The messages conditions produce; each is a key in the shared UI resources.</summary>
    public static class Messages
    {
        public const string UnexpectedCharacter = "Unexpected character “{0}”";
        public const string UnterminatedString = "A quoted text is not closed: add the closing quote (')";
        public const string InvalidNumber = "A number in a condition has at most 15 digits";
        public const string ExpectedTest = "Expected a question code, “not”, “(”, “selected(” or “answered(”";
        public const string ExpectedQuestion = "Expected a question code";
        public const string ExpectedRow = "Expected a row code after the dot";
        public const string ExpectedOperator = "Expected =, !=, <, <=, >, >= or “in”";
        public const string ExpectedValue = "Expected a value: a quoted text or a number";
        public const string ExpectedText = "Expected a quoted text";
        public const string ExpectedSymbol = "Expected “{0}”";
        public const string ExpectedAndOr = "Expected “and”, “or” or the end of the condition";
        public const string UnexpectedEnd = "The condition ends too early";
        public const string TooLong = "A condition has at most {0} characters";
        public const string TooDeep = "A condition nests brackets and “not” at most {0} deep";
        public const string UnknownQuestion = "There is no question “{0}”";
        public const string SelfReference = "A question cannot depend on its own answer";
        public const string LaterQuestion = "“{0}” comes later: a condition can only use earlier answers";
        public const string NoteQuestion = "“{0}” is a note and has no answer";
        public const string UnknownOption = "“{1}” is not an answer of “{0}”";
        public const string UnknownRow = "“{1}” is not a row of “{0}”";
        public const string RowNeeded = "“{0}” is a matrix: name one of its rows, like {1}";
        public const string RowNotAllowed = "“{0}” is not a matrix and has no rows";
        public const string OperatorNotAllowed = "“{1}” cannot be used on “{0}”";
        public const string NumberNeeded = "“{0}” is compared with numbers, like 3 or 2.5";
        public const string TextNeeded = "“{0}” is compared with quoted texts, like 'yes'";
        public const string InvalidDate = "“{0}” is not a date: write it as 'yyyy-mm-dd', like '2026-03-31'";
    }
}

/// <summary>Thrown by <see cref="Condition.Parse"/> for text that is not a condition at all.</summary>
public sealed class ConditionException : FormatException
{
    public ConditionException(ConditionError error) : base($"{error.Kind} at {error.Position}: {string.Format(System.Globalization.CultureInfo.InvariantCulture, error.Message, error.Arguments)}") =>
        Error = error;

    public ConditionError Error { get; }
}
