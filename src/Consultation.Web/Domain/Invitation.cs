namespace Consultation.Web.Domain;

/// <summary>A stakeholder invited to one consultation through a personal link.</summary>
public sealed class Invitation
{
    private Invitation() { }

    public Guid Id { get; private set; }
    public Guid ConsultationId { get; private set; }
    public Guid StakeholderId { get; private set; }
    public byte[] TokenHash { get; private set; } = [];
    public string Language { get; private set; } = "";
    public InvitationStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? OpenedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>
    /// The registry entry this invitation was issued to, when a merge has since moved it to another (ADR 0017). Set, it
    /// exempts the invitation from "one invitation per person and consultation": after a merge one person may hold two.
    /// </summary>
    public Guid? MergedFrom { get; private set; }

    public static Invitation Issue(Consultation consultation, Stakeholder stakeholder, string token, DateTimeOffset now)
    {
        if (!consultation.AllowsInvitations)
            throw new DomainException("This consultation takes answers through its public link only.");
        var hash = InvitationToken.Hash(token) ?? throw new DomainException("The token is not a valid invitation token.");
        var language = consultation.IsOffered(stakeholder.PreferredLanguage) ? stakeholder.PreferredLanguage : consultation.DefaultLanguage;
        return new Invitation
        {
            Id = Guid.NewGuid(),
            ConsultationId = consultation.Id,
            StakeholderId = stakeholder.Id,
            TokenHash = hash,
            Language = language,
            Status = InvitationStatus.Pending,
            CreatedAt = now,
        };
    }

    public bool IsCompleted => Status == InvitationStatus.Completed;

    public bool IsUsable => Status is not (InvitationStatus.Revoked or InvitationStatus.OptedOut);

    /// <summary>The states from which opening the link moves an invitation to <see cref="InvitationStatus.Opened"/>.</summary>
    public static IReadOnlyList<InvitationStatus> NotYetOpened { get; } = [InvitationStatus.Pending, InvitationStatus.Sent, InvitationStatus.Failed];

    /// <summary>
    /// Marks the invitation answered. In an anonymous consultation it records only that: no time, which could be
    /// matched with the response's.
    /// </summary>
    public void Complete(DateTimeOffset now, bool anonymously = false)
    {
        if (!IsUsable)
            throw new DomainException("A revoked or opted-out invitation cannot be completed.");
        if (IsCompleted)
            throw new DomainException("This invitation has already been completed.");
        Status = InvitationStatus.Completed;
        CompletedAt = anonymously ? null : now;
    }

    /// <summary>Moves the invitation, its link and its state unchanged, to the entry that absorbs the one it was issued to.</summary>
    internal void MoveTo(Stakeholder survivor, Stakeholder absorbed)
    {
        if (StakeholderId != absorbed.Id)
            throw new InvalidOperationException("The invitation belongs to another entry.");
        MergedFrom ??= StakeholderId;
        StakeholderId = survivor.Id;
    }

    public void Revoke(DateTimeOffset now)
    {
        if (IsCompleted)
            throw new DomainException("A completed invitation cannot be revoked.");
        Status = InvitationStatus.Revoked;
        RevokedAt = now;
    }
}
