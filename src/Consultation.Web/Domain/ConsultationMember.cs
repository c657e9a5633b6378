namespace Consultation.Web.Domain;

public enum MemberRole { Organiser, Analyst, Translator }

/// <summary>A person on a consultation's team, in one role; a translator works in the languages given to them.</summary>
public sealed class ConsultationMember
{
    private ConsultationMember() { }

    public Guid Id { get; private set; }
    public Guid ConsultationId { get; private set; }
    public Guid UserId { get; private set; }
    public MemberRole Role { get; private set; }
    public List<string> Languages { get; private set; } = [];
    public DateTimeOffset AddedAt { get; private set; }

    public static ConsultationMember Add(Consultation consultation, StaffUser user, MemberRole role, DateTimeOffset now,
        IEnumerable<string>? languages = null)
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
            UserId = user.Id,
            Role = role,
            Languages = list,
            AddedAt = now,
        };
    }
}
