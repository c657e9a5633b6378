using System.Text.Json;

namespace Consultation.Web.Domain;

/// <summary>
/// A response's answers keyed by question code: a string for one choice or a text, an array of
/// strings for several choices, a number for a number. Stored as one jsonb document.
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

    public string ToJson() => JsonSerializer.Serialize(_values);

    public static AnswerSet FromJson(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? []);
}
