namespace Consultation.Web.Localization;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.Extensions.Localization;

/// <summary>The words for the domain's states and roles, each a literal key so the resource test sees it.</summary>
public static class Labels
{
    public static string Status(IStringLocalizer s, ConsultationStatus status) => status switch
    {
        ConsultationStatus.Draft => s["Draft"],
        ConsultationStatus.Scheduled => s["Scheduled"],
        ConsultationStatus.Open => s["Open"],
        ConsultationStatus.Closed => s["Closed"],
        _ => s["Archived"],
    };

    public static string Role(IStringLocalizer s, MemberRole role) => role switch
    {
        MemberRole.Organiser => s["Organiser"],
        MemberRole.Analyst => s["Analyst"],
        _ => s["Translator"],
    };

    public static string StaffRole(IStringLocalizer s, string role) => role switch
    {
        StaffRoles.Admin => s["Administrator"],
        StaffRoles.Organiser => s["Organiser"],
        StaffRoles.Analyst => s["Analyst"],
        StaffRoles.Translator => s["Translator"],
        _ => role,
    };

    public static string Sector(IStringLocalizer s, Domain.Sector? sector) => sector switch
    {
        Domain.Sector.CivilSociety => s["Civil society"],
        Domain.Sector.Academia => s["Academia"],
        Domain.Sector.Industry => s["Industry"],
        Domain.Sector.Government => s["Government"],
        Domain.Sector.Other => s["Other"],
        _ => s["Not stated"],
    };

    public static string Invitation(IStringLocalizer s, InvitationStatus status) => status switch
    {
        InvitationStatus.Pending => s["Not sent yet"],
        InvitationStatus.Sent => s["Sent"],
        InvitationStatus.Opened => s["Opened"],
        InvitationStatus.Started => s["Started"],
        InvitationStatus.Completed => s["Completed"],
        InvitationStatus.Failed => s["Delivery failed"],
        InvitationStatus.OptedOut => s["Opted out"],
        InvitationStatus.Declined => s["Declined"],
        _ => s["Withdrawn"],
    };

    public static string AuditAction(IStringLocalizer s, string action) => action switch
    {
        AuditActions.SignedIn => s["Signed in"],
        AuditActions.SignInFailed => s["Failed sign-in"],
        AuditActions.LockedOut => s["Locked out"],
        AuditActions.SignedOut => s["Signed out"],
        AuditActions.LanguageChanged => s["Changed interface language"],
        AuditActions.ConsultationOpened => s["Opened the consultation"],
        AuditActions.ConsultationClosed => s["Closed the consultation"],
        AuditActions.ConsultationScheduled => s["Changed the opening and closing times"],
        AuditActions.EmailDeliveryResumed => s["Resumed email delivery"],
        AuditActions.MemberAdded => s["Added a team member"],
        AuditActions.MemberChanged => s["Changed a team member's role"],
        AuditActions.MemberRemoved => s["Removed a team member"],
        AuditActions.AccountInvited => s["Invited a new user"],
        AuditActions.AccountChanged => s["Changed an account's roles or language"],
        AuditActions.RoleGranted => s["Gave a platform role"],
        AuditActions.RoleRemoved => s["Took away a platform role"],
        AuditActions.PasswordChanged => s["Changed their password"],
        AuditActions.AccountDisabled => s["Disabled an account"],
        AuditActions.AccountEnabled => s["Re-enabled an account"],
        AuditActions.PasswordSet => s["Set a password"],
        AuditActions.SetPasswordLinkSent => s["Sent a link to set a password"],
        AuditActions.ConsultationCreated => s["Created the consultation"],
        AuditActions.ConsultationSettingsChanged => s["Changed the consultation's settings"],
        AuditActions.ConsultationDuplicated => s["Duplicated the consultation"],
        AuditActions.ConsultationArchived => s["Archived the consultation"],
        AuditActions.ConsultationPublished => s["Published the consultation"],
        AuditActions.VersionPublished => s["Published a new version of the questionnaire"],
        AuditActions.TextsPublished => s["Published text changes as a new version"],
        AuditActions.SectionAdded => s["Added a section"],
        AuditActions.SectionChanged => s["Changed a section"],
        AuditActions.SectionMoved => s["Moved a section"],
        AuditActions.SectionRemoved => s["Removed a section"],
        AuditActions.QuestionAdded => s["Added a question"],
        AuditActions.QuestionChanged => s["Changed a question"],
        AuditActions.QuestionMoved => s["Moved a question"],
        AuditActions.QuestionRemoved => s["Removed a question"],
        AuditActions.TestResponseSubmitted => s["Submitted a test response"],
        AuditActions.TestResponsesCleared => s["Cleared the test responses"],
        AuditActions.TranslationsSaved => s["Saved translations"],
        AuditActions.EmailsWorded => s["Changed the email texts"],
        AuditActions.DeadlineExtended => s["Extended the deadline"],
        AuditActions.ConsultationReopened => s["Reopened the consultation"],
        AuditActions.StakeholderAdded => s["Added a stakeholder to the registry"],
        AuditActions.StakeholderChanged => s["Changed a stakeholder in the registry"],
        AuditActions.StakeholdersExported => s["Downloaded people from the registry"],
        AuditActions.StakeholdersMerged => s["Merged two entries of the registry"],
        AuditActions.StakeholdersImported => s["Imported stakeholders into the registry"],
        AuditActions.InvitationResent => s["Sent an invitation again"],
        AuditActions.InvitationRevoked => s["Withdrew an invitation"],
        AuditActions.InvitationLinkCopied => s["Looked up an invitation's personal link"],
        AuditActions.StakeholdersInvited => s["Invited stakeholders"],
        _ => action,
    };

    public static string Publication(IStringLocalizer s, PublicationPreference preference) => preference switch
    {
        PublicationPreference.WithName => s["Publish it with my name"],
        PublicationPreference.Anonymously => s["Publish it without my name"],
        _ => s["Do not publish it"],
    };

    /// <summary>An organiser-worded email by its texts' element key ("email:invitation"), as the translation editor heads it.</summary>
    public static string EmailName(IStringLocalizer s, string elementKey) => elementKey switch
    {
        _ when elementKey == ElementKey.Email(EmailKind.Invitation) => s["Invitation email"],
        _ when elementKey == ElementKey.Email(EmailKind.Reminder) => s["Reminder email"],
        _ => elementKey,
    };

    public static string Email(IStringLocalizer s, EmailStatus status) => status switch
    {
        EmailStatus.Queued => s["Queued"],
        EmailStatus.Sending => s["Sending"],
        EmailStatus.Sent => s["Handed to the mail server"],
        _ => s["Failed"],
    };

    public static string Export(IStringLocalizer s, ExportStatus status) => status switch
    {
        ExportStatus.Queued => s["Waiting to start"],
        ExportStatus.Running => s["Compiling…"],
        ExportStatus.Done => s["Ready"],
        _ => s["Failed"],
    };
}
