using System.Text.Json;

namespace Consultation.Web.Domain;

/// <summary>
/// A response's answers keyed by question code: a string for one choice, a text, yes/no, an email or a date
/// (yyyy-MM-dd); an array of strings for several choices or a ranking (in rank order); a number for a number
/// or a rating; true for a consent; an object of row code → option code for a matrix; an object
/// {id, name, size, type} for an uploaded file. Stored as one jsonb document.
/// </summary>
public sealed class AnswerSet
{
    private readonly Dictionary<string, JsonElement> _values;

    public AnswerSet(IDictionary<string, JsonElement> values) =>
        _values = new Dictionary<string, JsonElement>(values, StringComparer.Ordinal);

    public static AnswerSet Empty { get; } = new(new Dictionary<string, JsonElement>());

    /// <summary>Where the text of an "Other, please specify" answer is kept: codes never contain a dot, so it cannot clash.</summary>
    public static string OtherKey(string questionCode) => $"{questionCode}.other";

    public IReadOnlyDictionary<string, JsonElement> Values => _values;

    public bool Has(string code) => _values.ContainsKey(code);

    public string? Text(string code) =>
        _values.TryGetValue(code, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public IReadOnlyList<string> Choices(string code) => _values.TryGetValue(code, out var value) ? value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().Select(v => v.GetString() ?? "").ToList(),
        JsonValueKind.String => [value.GetString() ?? ""],
        _ => [],
    } : [];

    public decimal? Number(string code) =>
        _values.TryGetValue(code, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : null;

    /// <summary>The option chosen for one row of a matrix.</summary>
    public string? Row(string code, string rowCode) =>
        _values.TryGetValue(code, out var value) && value.ValueKind == JsonValueKind.Object
        && value.TryGetProperty(rowCode, out var cell) && cell.ValueKind == JsonValueKind.String ? cell.GetString() : null;

    public bool IsTrue(string code) => _values.TryGetValue(code, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>The stored file an upload question's answer points at.</summary>
    public FileAnswer? File(string code)
    {
        if (!_values.TryGetValue(code, out var value) || value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("id", out var id) || !id.TryGetGuid(out var fileId))
            return null;
        string Text(string name) => value.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() ?? "" : "";
        var size = value.TryGetProperty("size", out var s) && s.TryGetInt64(out var bytes) ? bytes : 0;
        return new FileAnswer(fileId, Text("name"), size, Text("type"));
    }

    public string ToJson() => JsonSerializer.Serialize(_values);

    public static AnswerSet FromJson(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? []);
}
