namespace Consultation.Web.Domain;

/// <summary>
/// An anonymous response's invitation, to be marked completed later by <see cref="Jobs.CompleteInvitationsJob"/>, in a batch
/// and another transaction: written with the response, the invitation's update would share its transaction id (PostgreSQL's
/// <c>xmin</c>), which a database administrator could use to pair the two. The row goes once the job has run.
/// </summary>
public sealed class PendingCompletion
{
    private PendingCompletion() { }

    public Guid InvitationId { get; private set; }

    /// <summary>The language the response was given in: the receipt's.</summary>
    public string Language { get; private set; } = "";

    public static PendingCompletion For(Invitation invitation, string language) => new() { InvitationId = invitation.Id, Language = language };
}
