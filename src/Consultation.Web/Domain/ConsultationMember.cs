namespace Consultation.Web.Domain;

public enum MemberRole { Organiser, Analyst, Translator }

/// <summary>
/// A person on a consultation's team, in one role; a translator works in the languages given to them.
/// A membership is never edited in place: a change replaces it under a new id (<see cref="Reassign"/>), so a
/// form read before someone else's change names a membership that no longer exists and cannot overwrite it.
/// </summary>
public sealed class ConsultationMember
{
    private ConsultationMember() { }

    public Guid Id { get; private set; }
    public Guid ConsultationId { get; private set; }
    public Guid UserId { get; private set; }
    public MemberRole Role { get; private set; }
    public List<string> Languages { get; private set; } = [];
    public DateTimeOffset AddedAt { get; private set; }

    public static ConsultationMember Add(Consultation consultation, Guid userId, MemberRole role, DateTimeOffset now,
        IEnumerable<string>? languages = null) => Create(consultation, userId, role, now, languages);

    /// <summary>The same person in a new role or with new languages: a new membership that replaces this one.</summary>
    public ConsultationMember Reassign(Consultation consultation, MemberRole role, IEnumerable<string>? languages = null)
    {
        if (consultation.Id != ConsultationId)
            throw new DomainException("This membership belongs to another consultation.");
        return Create(consultation, UserId, role, AddedAt, languages);
    }

    private static ConsultationMember Create(Consultation consultation, Guid userId, MemberRole role, DateTimeOffset addedAt,
        IEnumerable<string>? languages)
    {
        var list = (languages ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (role == MemberRole.Translator && list.Count == 0)
            throw new DomainException("A translator needs at least one language to work in.");
        if (role != MemberRole.Translator && list.Count > 0)
            throw new DomainException("Only translators are given languages.");
        if (list.FirstOrDefault(l => !consultation.IsOffered(l)) is { } notOffered)
            throw new DomainException("The consultation is not offered in '{0}'.", notOffered);
        return new ConsultationMember
        {
            Id = Guid.NewGuid(),
            ConsultationId = consultation.Id,
            UserId = userId,
            Role = role,
            Languages = list,
            AddedAt = addedAt,
        };
    }
}
