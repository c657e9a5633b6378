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

    /// <summary>What publishing the working copy would change for respondents, compared with <paramref name="latest"/>.</summary>
    public IReadOnlyList<StructuralChange> StructuralChangesSince(QuestionnaireVersion latest)
    {
        var before = latest.Snapshot;
        var after = QuestionnaireSnapshot.Of(this);
        var changes = new List<StructuralChange>();
        void Compare<T>(IEnumerable<T> old, IEnumerable<T> @new, Func<T, string> code, StructuralChangeKind added, StructuralChangeKind removed)
        {
            var oldCodes = old.Select(code).ToList();
            var newCodes = @new.Select(code).ToList();
            changes.AddRange(newCodes.Except(oldCodes).Select(c => new StructuralChange(added, c)));
            changes.AddRange(oldCodes.Except(newCodes).Select(c => new StructuralChange(removed, c)));
        }
        Compare(before.Languages, after.Languages, l => l, StructuralChangeKind.LanguageAdded, StructuralChangeKind.LanguageRemoved);
        if (before.AsksPublicationPreference != after.AsksPublicationPreference)
            changes.Add(new StructuralChange(after.AsksPublicationPreference
                ? StructuralChangeKind.PublicationPreferenceAsked : StructuralChangeKind.PublicationPreferenceNoLongerAsked, ""));
        Compare(before.Sections, after.Sections, s => s.Code, StructuralChangeKind.SectionAdded, StructuralChangeKind.SectionRemoved);
        Compare(before.Questions, after.Questions, q => q.Code, StructuralChangeKind.QuestionAdded, StructuralChangeKind.QuestionRemoved);
        foreach (var question in after.Questions)
        {
            if (before.FindQuestion(question.Code) is { } old && JsonSerializer.Serialize(old) != JsonSerializer.Serialize(question))
                changes.Add(new StructuralChange(StructuralChangeKind.QuestionChanged, question.Code));
        }
        string Order(QuestionnaireSnapshot snapshot, ICollection<string> kept) =>
            string.Join(",", snapshot.Sections.SelectMany(s => s.Questions.Where(q => kept.Contains(q.Code)).Select(q => $"{s.Code}/{q.Code}")));
        var common = before.Questions.Select(q => q.Code).Intersect(after.Questions.Select(q => q.Code)).ToHashSet();
        if (Order(before, common) != Order(after, common) || !before.Sections.Select(s => s.Code).Where(after.Sections.Select(x => x.Code).Contains)
                .SequenceEqual(after.Sections.Select(s => s.Code).Where(before.Sections.Select(x => x.Code).Contains)))
            changes.Add(new StructuralChange(StructuralChangeKind.OrderChanged, ""));
        return changes;
    }

    private static bool SameTexts(Dictionary<string, IReadOnlyDictionary<string, string>> a, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> b) =>
        a.Count == b.Count && a.All(language => b.TryGetValue(language.Key, out var other)
            && language.Value.Count == other.Count && language.Value.All(text => other.TryGetValue(text.Key, out var same) && same == text.Value));

    private static bool SameJson(QuestionnaireSnapshot a, QuestionnaireSnapshot b) =>
        JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);
}

public enum StructuralChangeKind
{
    SectionAdded,
    SectionRemoved,
    QuestionAdded,
    QuestionRemoved,
    QuestionChanged,
    OrderChanged,
    LanguageAdded,
    LanguageRemoved,
    PublicationPreferenceAsked,
    PublicationPreferenceNoLongerAsked,
}

/// <summary>One difference between the working copy and the published version, named by the code (or language) it concerns.</summary>
public sealed record StructuralChange(StructuralChangeKind Kind, string Code);
