namespace Consultation.Web.Domain;

/// <summary>
/// A stakeholder invited to one consultation through personal links (ADR 0018): in a named consultation one link derived
/// from a configured key, made again for every resend; in an anonymous one random links, a fresh one per resend, all of
/// them opening the same invitation, which takes at most one response.
/// </summary>
public sealed class Invitation
{
    private readonly List<InvitationLink> _links = [];

    private Invitation() { }

    public Guid Id { get; private set; }
    public Guid ConsultationId { get; private set; }
    public Guid StakeholderId { get; private set; }

    /// <summary>Every link issued, oldest first; each opens the invitation until it is revoked (or its key is removed).</summary>
    public IReadOnlyCollection<InvitationLink> Links => _links;
    public string Language { get; private set; } = "";
    public InvitationStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? OpenedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>When an invitation email to this invitation was last accepted by the mail server.</summary>
    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>Why the last invitation email could not be delivered (the server's words), while the invitation stands failed.</summary>
    public string? DeliveryError { get; private set; }

    /// <summary>When the person said they will not take part; null in an anonymous consultation, where only the status says so.</summary>
    public DateTimeOffset? DeclinedAt { get; private set; }

    /// <summary>
    /// Whether the person asked for no more invitations and reminders to this consultation. A mark beside the status, not a
    /// status: the link keeps opening, a response may still come (and its receipts still go), and answering does not undo it.
    /// </summary>
    public bool HasOptedOut { get; private set; }

    /// <summary>When the person opted out; null in an anonymous consultation.</summary>
    public DateTimeOffset? OptedOutAt { get; private set; }

    /// <summary>
    /// The registry entry this invitation was issued to, when a merge has since moved it to another (ADR 0017). Set, it
    /// exempts the invitation from "one invitation per person and consultation": after a merge one person may hold two.
    /// </summary>
    public Guid? MergedFrom { get; private set; }

    /// <summary>An invitation whose first link is the random <paramref name="token"/> (<see cref="InvitationToken.New"/>).</summary>
    public static Invitation Issue(Consultation consultation, Stakeholder stakeholder, string token, DateTimeOffset now)
    {
        var invitation = New(consultation, stakeholder, now);
        invitation._links.Add(InvitationLink.For(token, keyId: null, now));
        return invitation;
    }

    /// <summary>
    /// An invitation of a named consultation whose link is derived from <paramref name="key"/> and the invitation's id, so
    /// the same link can be made again (<see cref="Derive"/>) for as long as the key stays configured.
    /// </summary>
    public static Invitation Issue(Consultation consultation, Stakeholder stakeholder, InvitationLinkKey key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        RefuseDerivedLinksIn(consultation);
        var invitation = New(consultation, stakeholder, now);
        invitation._links.Add(InvitationLink.For(key.TokenFor(invitation.Id), key.Id, now));
        return invitation;
    }

    /// <summary>
    /// An invitation of an anonymous consultation with no link yet: each email to it is given a fresh random link as it is
    /// sent, so no link waits in the outbox (ADR 0018).
    /// </summary>
    public static Invitation IssueAwaitingLink(Consultation consultation, Stakeholder stakeholder, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        if (!consultation.IsAnonymous)
            throw new DomainException("A named consultation's link is derived from its key: send the same link again.");
        return New(consultation, stakeholder, now);
    }

    private static Invitation New(Consultation consultation, Stakeholder stakeholder, DateTimeOffset now)
    {
        if (!consultation.AllowsInvitations)
            throw new DomainException("This consultation takes answers through its public link only.");
        var language = consultation.IsOffered(stakeholder.PreferredLanguage) ? stakeholder.PreferredLanguage : consultation.DefaultLanguage;
        return new Invitation
        {
            Id = Guid.NewGuid(),
            ConsultationId = consultation.Id,
            StakeholderId = stakeholder.Id,
            Language = language,
            Status = InvitationStatus.Pending,
            CreatedAt = now,
        };
    }

    /// <summary>
    /// Adds a fresh random link to an anonymous consultation's invitation, for a resend or a reminder: its earlier links are
    /// unrecoverable (only their hashes are kept) and keep working.
    /// </summary>
    public void Reissue(Consultation consultation, string token, DateTimeOffset now)
    {
        EnsureBelongsTo(consultation);
        if (!consultation.IsAnonymous)
            throw new DomainException("A named consultation's link is derived from its key: send the same link again.");
        if (!IsUsable)
            throw new DomainException("A revoked invitation gets no new link.");
        // A fresh link could not reach the response given through another one (ADR 0014: nothing joins them).
        if (IsCompleted)
            throw new DomainException("This invitation has already been completed.");
        _links.Add(InvitationLink.For(token, keyId: null, now));
    }

    /// <summary>
    /// The token of this named invitation's link under <paramref name="key"/>, its link added when it has none of that key
    /// yet (a key rotated in, or an invitation issued before links were derived).
    /// </summary>
    public string Derive(Consultation consultation, InvitationLinkKey key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        EnsureBelongsTo(consultation);
        RefuseDerivedLinksIn(consultation);
        var token = key.TokenFor(Id);
        if (!_links.Any(l => string.Equals(l.KeyId, key.Id, StringComparison.OrdinalIgnoreCase)))
        {
            if (!IsUsable)
                throw new DomainException("A revoked invitation gets no new link.");
            _links.Add(InvitationLink.For(token, key.Id, now));
        }
        return token;
    }

    /// <summary>The link whose token hashes to <paramref name="tokenHash"/>, if it is one of this invitation's.</summary>
    public InvitationLink? Link(byte[] tokenHash) => _links.FirstOrDefault(l => l.TokenHash.AsSpan().SequenceEqual(tokenHash));

    private static void RefuseDerivedLinksIn(Consultation consultation)
    {
        // A derived link can be made again by whoever holds the key, and with it the response found: ADR 0014 forbids that.
        if (consultation.IsAnonymous)
            throw new DomainException("An anonymous consultation's links are random, so that nobody can make one again.");
    }

    private void EnsureBelongsTo(Consultation consultation)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        if (consultation.Id != ConsultationId)
            throw new DomainException("The invitation belongs to another consultation.");
    }

    public bool IsCompleted => Status == InvitationStatus.Completed;

    /// <summary>
    /// Whether its links open. Only a revoked invitation's do not: after declining or opting out the person may still answer
    /// (a decline is not a promise, and opting out is about email, not the response).
    /// </summary>
    public bool IsUsable => Status != InvitationStatus.Revoked;

    public bool IsDeclined => Status == InvitationStatus.Declined;

    /// <summary>
    /// Whether an invitation or a reminder to this consultation may still go to this invitation's person: not after they
    /// declined, opted out, answered, or the invitation was withdrawn. The registry's "never email" is the person's, checked
    /// beside it (<see cref="MayBeEmailed(bool)"/>; in queries <c>db.InvitationsToEmail(consultationId)</c>). Receipts of a
    /// response are not governed by it: they go to whoever answered.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<Invitation, bool>> MayBeEmailedRule { get; } = i =>
        !i.HasOptedOut && i.Status != InvitationStatus.Declined && i.Status != InvitationStatus.Completed && i.Status != InvitationStatus.Revoked;

    private static readonly Func<Invitation, bool> MayBeEmailedCompiled = MayBeEmailedRule.Compile();

    /// <summary><see cref="MayBeEmailedRule"/> for a loaded invitation, with its person's registry mark.</summary>
    public bool MayBeEmailed(bool neverEmail) => !neverEmail && MayBeEmailedCompiled(this);

    /// <summary>The states from which opening the link moves an invitation to <see cref="InvitationStatus.Opened"/>.</summary>
    public static IReadOnlyList<InvitationStatus> NotYetOpened { get; } = [InvitationStatus.Pending, InvitationStatus.Sent, InvitationStatus.Failed];

    /// <summary>
    /// Records that the person will not take part: no more invitations or reminders. Declining twice changes nothing. The link
    /// still opens, and answering after all completes the invitation. In an anonymous consultation no time is kept: a time
    /// next to the person is what ADR 0014 keeps out.
    /// </summary>
    public void Decline(DateTimeOffset now, bool anonymously)
    {
        if (Status == InvitationStatus.Revoked)
            throw new DomainException("This invitation has been withdrawn");
        if (IsCompleted)
            throw new DomainException("This invitation has already been completed.");
        if (IsDeclined)
            return;
        Status = InvitationStatus.Declined;
        DeclinedAt = anonymously ? null : now;
    }

    /// <summary>
    /// Records that the person wants no more invitations or reminders to this consultation, whatever the status (a person who
    /// answered may opt out too). Opting out twice keeps the first time. No time in an anonymous consultation.
    /// </summary>
    public void OptOut(DateTimeOffset now, bool anonymously)
    {
        if (Status == InvitationStatus.Revoked)
            throw new DomainException("This invitation has been withdrawn");
        if (HasOptedOut)
            return;
        HasOptedOut = true;
        OptedOutAt = anonymously ? null : now;
    }

    /// <summary>
    /// Marks the invitation answered. In an anonymous consultation it records only that: no time, which could be
    /// matched with the response's.
    /// </summary>
    public void Complete(DateTimeOffset now, bool anonymously = false)
    {
        if (!IsUsable)
            throw new DomainException("A revoked invitation cannot be completed.");
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

    /// <summary>
    /// The mail server accepted an invitation email: a pending or failed invitation becomes sent; one already opened or further
    /// on keeps its status. The time is kept in anonymous consultations too: the outbox knows it anyway, and it says nothing of
    /// when anyone answered.
    /// </summary>
    public void Delivered(DateTimeOffset now)
    {
        SentAt = now;
        DeliveryError = null;
        if (Status is InvitationStatus.Pending or InvitationStatus.Failed)
            Status = InvitationStatus.Sent;
    }

    /// <summary>
    /// An invitation email could not be delivered (refused, or given up after retries, or bounced later): a pending or sent
    /// invitation becomes failed with the server's reason; one the person has already opened or answered keeps its status.
    /// </summary>
    public void DeliveryFailed(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (Status is not (InvitationStatus.Pending or InvitationStatus.Sent or InvitationStatus.Failed))
            return;
        Status = InvitationStatus.Failed;
        DeliveryError = reason.Length > 1000 ? reason[..1000] : reason;
    }

    /// <summary>Withdraws the invitation: none of its links opens any more.</summary>
    public void Revoke(DateTimeOffset now)
    {
        if (IsCompleted)
            throw new DomainException("A completed invitation cannot be revoked.");
        Status = InvitationStatus.Revoked;
        RevokedAt = now;
    }
}
