using System.Text.Json;

namespace Consultation.Web.Domain;

/// <summary>
/// An immutable questionnaire. Responses record the version they answered. A published version is numbered from 1;
/// a test version (number 0) is frozen from the working copy for test responses only, and nobody else ever sees it.
/// </summary>
public sealed class QuestionnaireVersion
{
    private QuestionnaireVersion() { }

    internal QuestionnaireVersion(Guid consultationId, int number, QuestionnaireSnapshot snapshot, DateTimeOffset publishedAt)
    {
        Id = Guid.NewGuid();
        ConsultationId = consultationId;
        Number = number;
        Snapshot = snapshot;
        PublishedAt = publishedAt;
    }

    public Guid Id { get; private set; }
    public Guid ConsultationId { get; private set; }
    public int Number { get; private set; }
    public QuestionnaireSnapshot Snapshot { get; private set; } = null!;
    public DateTimeOffset PublishedAt { get; private set; }

    /// <summary>Frozen for test responses from the preview, never published: excluded from every query unless asked for.</summary>
    public bool IsTest { get; private set; }

    /// <summary>The working copy frozen as a test version, so that test responses record what they answered.</summary>
    public static QuestionnaireVersion FreezeTest(Consultation consultation, DateTimeOffset now) =>
        new(consultation.Id, 0, QuestionnaireSnapshot.Of(consultation), now) { IsTest = true };

    /// <summary>Whether this version shows respondents exactly <paramref name="snapshot"/>: the same structure and the same texts.</summary>
    public bool Shows(QuestionnaireSnapshot snapshot) => Canonical(Snapshot) == Canonical(snapshot);

    // Texts sorted by language and key: the same snapshot read twice may list them in another order.
    private static string Canonical(QuestionnaireSnapshot snapshot) => JsonSerializer.Serialize(snapshot with
    {
        Texts = new SortedDictionary<string, IReadOnlyDictionary<string, string>>(
            snapshot.Texts.ToDictionary(l => l.Key, l => (IReadOnlyDictionary<string, string>)new SortedDictionary<string, string>(
                l.Value.ToDictionary(t => t.Key, t => t.Value), StringComparer.Ordinal)), StringComparer.Ordinal),
    });
}
