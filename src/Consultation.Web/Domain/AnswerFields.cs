using System.Globalization;
using Consultation.Web.Domain.Conditions;

namespace Consultation.Web.Domain;

/// <summary>
/// A response's answers as form fields (<c>a.{code}</c>, <c>a.{code}.{part}</c>, see <see cref="AnswerReader.Field"/>), the way a
/// draft keeps them. Numbers are kept in invariant form, so a draft reads the same whatever language the page was in.
/// </summary>
public static class AnswerFields
{
    /// <summary>Whether a form field carries (part of) the question's answer.</summary>
    public static bool Belongs(string field, string code) =>
        field.Length > code.Length + 1 && field.StartsWith("a.", StringComparison.Ordinal)
        && string.CompareOrdinal(field, 2, code, 0, code.Length) == 0
        && (field.Length == code.Length + 2 || field[code.Length + 2] == '.');

    /// <summary>The fields of the given questions as posted, numbers turned from the page's culture into invariant form.</summary>
    public static Dictionary<string, string[]> FromForm(IEnumerable<QuestionSnapshot> questions, IEnumerable<KeyValuePair<string, string[]>> form, CultureInfo culture)
    {
        var byCode = questions.ToList();
        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, values) in form)
        {
            if (byCode.FirstOrDefault(q => Belongs(name, q.Code)) is not { } question || values.Length == 0)
                continue;
            fields[name] = question.Type == QuestionType.Number && name == AnswerReader.Field(question.Code)
                ? values.Select(v => AnswerReader.TryParseNumber(v.Trim(), culture, out var number) ? number.ToString(CultureInfo.InvariantCulture) : v).ToArray()
                : values;
        }
        return fields;
    }

    /// <summary>The saved fields as a page in <paramref name="culture"/> shows them: numbers written the culture's way.</summary>
    public static Func<string, IReadOnlyList<string>> ForPage(QuestionnaireSnapshot snapshot, IReadOnlyDictionary<string, string[]> fields, CultureInfo culture)
    {
        var numbers = snapshot.Questions.Where(q => q.Type == QuestionType.Number).Select(q => AnswerReader.Field(q.Code)).ToHashSet(StringComparer.Ordinal);
        return name => !fields.TryGetValue(name, out var values) ? []
            : numbers.Contains(name)
                ? values.Select(v => decimal.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n.ToString(culture) : v).ToList()
                : values;
    }

    /// <summary>The saved fields as the reader takes them (numbers invariant).</summary>
    public static Func<string, IReadOnlyList<string>> ForReader(IReadOnlyDictionary<string, string[]> fields) =>
        name => fields.TryGetValue(name, out var values) ? values : [];

    /// <summary>The id of the file kept for an upload question, if the fields hold one.</summary>
    public static Guid? FileId(IReadOnlyDictionary<string, string[]> fields, string code) =>
        fields.TryGetValue(AnswerReader.Field(code, "file"), out var ids) && ids.Length == 1 && Guid.TryParse(ids[0], out var id) ? id : null;

    /// <summary>The answers the fields hold as far as they can be read, without checking what is missing or wrong.</summary>
    public static AnswerSet Lenient(QuestionnaireSnapshot snapshot, IReadOnlyDictionary<string, string[]> fields) =>
        AnswerReader.Read(snapshot, ForReader(fields), CultureInfo.InvariantCulture, validate: false,
            uploads: code => FileId(fields, code) is { } id ? new UploadOutcome(new FileAnswer(id, "", 0, ""), null) : null).Answers;

    /// <summary>The questions the saved answers hide.</summary>
    public static IReadOnlySet<string> HiddenQuestions(QuestionnaireSnapshot snapshot, IReadOnlyDictionary<string, string[]> fields) =>
        Condition.ApplyShowIf(snapshot.Questions.Select(q => (q.Code, q.ShowIf)), Lenient(snapshot, fields)).Hidden;
}
