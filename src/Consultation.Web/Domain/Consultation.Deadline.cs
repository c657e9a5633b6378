namespace Consultation.Web.Domain;

/// <summary>Giving stakeholders more time: a later deadline for a live consultation, or a second period for a closed one.</summary>
public sealed partial class Consultation
{
    /// <summary>The refusals of these two flows; each is a key in the shared UI resources.</summary>
    public static class DeadlineMessages
    {
        public const string NotLive = "Only an open or scheduled consultation's deadline can be extended.";
        public const string NoDeadline = "This consultation has no closing time to extend: set one under “Opening and closing”.";
        public const string NotLater = "The new closing time must be later than the current one.";
        public const string NotInFuture = "The new closing time must be in the future.";
        public const string NotClosed = "Only a closed consultation can be reopened.";
        public const string NoReopenDeadline = "Give the reopened consultation a closing time.";
    }

    /// <summary>Moves the closing time of an open or scheduled consultation later; never earlier, never into the past.</summary>
    public void ExtendDeadline(DateTimeOffset closesAt, DateTimeOffset now)
    {
        if (Status is not (ConsultationStatus.Open or ConsultationStatus.Scheduled))
            throw new DomainException(DeadlineMessages.NotLive);
        // Setting a first deadline shortens an open-ended consultation: that is a schedule change, not an extension.
        if (ClosesAt is not { } current)
            throw new DomainException(DeadlineMessages.NoDeadline);
        if (closesAt <= current)
            throw new DomainException(DeadlineMessages.NotLater);
        if (closesAt <= now)
            throw new DomainException(DeadlineMessages.NotInFuture);
        // Later than the current closing time, so still after the opening time.
        ClosesAt = closesAt;
    }

    /// <summary>
    /// Opens a closed consultation again until a new closing time. A deadline is required: a consultation reopened
    /// without one would stay open until someone remembers to close it, and stakeholders could not be told how long
    /// they have; the scheduled job closes it again at the new time. Completed invitations stay completed.
    /// </summary>
    public void Reopen(DateTimeOffset? closesAt, DateTimeOffset now)
    {
        if (Status != ConsultationStatus.Closed)
            throw new DomainException(DeadlineMessages.NotClosed);
        if (closesAt is not { } until)
            throw new DomainException(DeadlineMessages.NoReopenDeadline);
        if (until <= now)
            throw new DomainException(DeadlineMessages.NotInFuture);
        Open(now);
        ClosesAt = until;
    }
}
