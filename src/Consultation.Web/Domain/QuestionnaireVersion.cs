namespace Consultation.Web.Domain;

/// <summary>An immutable, published questionnaire. Responses record the version they answered.</summary>
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
}
