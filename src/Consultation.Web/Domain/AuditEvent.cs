namespace Consultation.Web.Domain;

/// <summary>Who did what to which object, when, and from where. Written once, never changed.</summary>
public sealed class AuditEvent
{
    private AuditEvent() { }

    public Guid Id { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>The account that acted, when there is one.</summary>
    public Guid? UserId { get; private set; }

    /// <summary>How the actor identified themselves: an account's email, or the address typed into a failed sign-in.</summary>
    public string Actor { get; private set; } = "";

    public string Action { get; private set; } = "";
    public string? ObjectType { get; private set; }
    public string? ObjectId { get; private set; }
    public string? RemoteAddress { get; private set; }

    /// <summary>The consultation the event belongs to, when it belongs to one: what its history page lists.</summary>
    public Guid? ConsultationId { get; private set; }

    public static AuditEvent Record(string action, string actor, Guid? userId, string? remoteAddress, DateTimeOffset now,
        string? objectType = null, string? objectId = null, Guid? consultationId = null) => new()
    {
        ConsultationId = consultationId,
        Id = Guid.NewGuid(),
        At = now,
        UserId = userId,
        Actor = actor.Length > 320 ? actor[..320] : actor,
        Action = action,
        ObjectType = objectType,
        ObjectId = objectId,
        RemoteAddress = remoteAddress,
    };
}

/// <summary>The actions the audit log records.</summary>
public static class AuditActions
{
    public const string StakeholdersImported = "stakeholders-imported";
    public const string SignedIn = "signed-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string SignedOut = "signed-out";
    public const string LanguageChanged = "language-changed";
    public const string ConsultationOpened = "consultation-opened";
    public const string ConsultationClosed = "consultation-closed";
    public const string ConsultationScheduled = "consultation-scheduled";
    public const string EmailDeliveryResumed = "email-delivery-resumed";
    public const string SectionAdded = "section-added";
    public const string SectionChanged = "section-changed";
    public const string SectionMoved = "section-moved";
    public const string SectionRemoved = "section-removed";
    public const string TextsPublished = "texts-published";
    public const string VersionPublished = "version-published";
    public const string QuestionAdded = "question-added";
    public const string QuestionChanged = "question-changed";
    public const string QuestionMoved = "question-moved";
    public const string QuestionRemoved = "question-removed";
    public const string MemberAdded = "member-added";
    public const string MemberChanged = "member-changed";
    public const string MemberRemoved = "member-removed";
    public const string AccountInvited = "account-invited";
    public const string AccountChanged = "account-changed";
    public const string RoleGranted = "role-granted";
    public const string RoleRemoved = "role-removed";
    public const string AccountDisabled = "account-disabled";
    public const string AccountEnabled = "account-enabled";
    public const string PasswordSet = "password-set";
    public const string PasswordChanged = "password-changed";
    public const string SetPasswordLinkSent = "set-password-link-sent";
    public const string ConsultationCreated = "consultation-created";
    public const string ConsultationSettingsChanged = "consultation-settings-changed";
    public const string ConsultationDuplicated = "consultation-duplicated";
    public const string ConsultationArchived = "consultation-archived";
    public const string ConsultationPublished = "consultation-published";
    public const string TestResponseSubmitted = "test-response-submitted";
    public const string TestResponsesCleared = "test-responses-cleared";
    public const string TranslationsSaved = "translations-saved";
    public const string EmailsWorded = "emails-worded";
    public const string DeadlineExtended = "deadline-extended";
    public const string ConsultationReopened = "consultation-reopened";
    public const string StakeholderAdded = "stakeholder-added";
    public const string StakeholderChanged = "stakeholder-changed";
    public const string StakeholdersExported = "stakeholders-exported";
    public const string StakeholdersMerged = "stakeholders-merged";
    public const string InvitationResent = "invitation-resent";
    public const string InvitationRevoked = "invitation-revoked";
    public const string InvitationLinkCopied = "invitation-link-copied";
    public const string StakeholdersInvited = "stakeholders-invited";
}
