using System.Text.Json;

namespace Consultation.Web.Domain;

/// <summary>
/// Changing a consultation once stakeholders can see it: text fixes and translations become a new version at
/// once; structural changes wait in the working copy until an organiser publishes them knowingly.
/// </summary>
public sealed partial class Consultation
{
    /// <summary>Published and not archived: stakeholders answer (or will answer, or have answered) its latest version.</summary>
    public bool IsLive => Status is ConsultationStatus.Scheduled or ConsultationStatus.Open or ConsultationStatus.Closed;

    /// <summary>
    /// Publishes the texts changed since <paramref name="latest"/> as a new version with that version's structure,
    /// so a fix reaches stakeholders at once without carrying unpublished structural changes along. Texts of
    /// elements the latest version does not have wait for the next full publication; a text cleared in the
    /// working copy keeps its published wording. Returns null when nothing visible changed or the consultation is not live.
    /// </summary>
    public QuestionnaireVersion? PublishTextChanges(QuestionnaireVersion latest, DateTimeOffset now)
    {
        if (!IsLive || latest.ConsultationId != Id)
            return null;
        var published = latest.Snapshot;
        var elements = published.ElementKeys();
        var current = QuestionnaireSnapshot.Of(this).Texts;
        var texts = published.Languages.ToDictionary(
            language => language,
            language =>
            {
                var merged = new Dictionary<string, string>(published.Texts.GetValueOrDefault(language) ?? new Dictionary<string, string>(), StringComparer.Ordinal);
                foreach (var (key, text) in current.GetValueOrDefault(language) ?? new Dictionary<string, string>())
                {
                    if (elements.Contains(QuestionnaireSnapshot.ElementOf(key)))
                        merged[key] = text;
                }
                return (IReadOnlyDictionary<string, string>)merged;
            });
        if (EstimatedMinutes == published.EstimatedMinutes && SameTexts(texts, published.Texts))
            return null;
        var snapshot = published with { Texts = texts, EstimatedMinutes = EstimatedMinutes };
        var version = new QuestionnaireVersion(Id, latest.Number + 1, snapshot, now);
        _versions.Add(version);
        return version;
    }

    /// <summary>Whether the working copy differs from <paramref name="latest"/> in more than its texts: what publishing again would change for respondents.</summary>
    public bool HasUnpublishedStructure(QuestionnaireVersion latest)
    {
        var current = QuestionnaireSnapshot.Of(this);
        var empty = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        return !SameJson(current with { Texts = empty, EstimatedMinutes = 0 }, latest.Snapshot with { Texts = empty, EstimatedMinutes = 0 });
    }

    private static bool SameTexts(Dictionary<string, IReadOnlyDictionary<string, string>> a, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> b) =>
        a.Count == b.Count && a.All(language => b.TryGetValue(language.Key, out var other)
            && language.Value.Count == other.Count && language.Value.All(text => other.TryGetValue(text.Key, out var same) && same == text.Value));

    private static bool SameJson(QuestionnaireSnapshot a, QuestionnaireSnapshot b) =>
        JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);
}
