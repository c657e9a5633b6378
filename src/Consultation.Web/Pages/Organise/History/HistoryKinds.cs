namespace Consultation.Web.Pages.Organise.History;

using Consultation.Web.Domain;

/// <summary>The kinds of change the history can be narrowed to.</summary>
public enum HistoryKind { Structure, Texts, Publication, Team }

public static class HistoryKinds
{
    /// <summary>The audited actions of each kind; an action in none of them is listed only under "every change".</summary>
    public static IReadOnlyList<string> Actions(HistoryKind kind) => kind switch
    {
        HistoryKind.Structure =>
        [
            AuditActions.SectionAdded, AuditActions.SectionChanged, AuditActions.SectionMoved, AuditActions.SectionRemoved,
            AuditActions.QuestionAdded, AuditActions.QuestionChanged, AuditActions.QuestionMoved, AuditActions.QuestionRemoved,
        ],
        HistoryKind.Texts => [AuditActions.TextsPublished, AuditActions.ConsultationSettingsChanged],
        HistoryKind.Publication =>
        [
            AuditActions.ConsultationCreated, AuditActions.ConsultationDuplicated, AuditActions.ConsultationPublished,
            AuditActions.ConsultationScheduled, AuditActions.ConsultationOpened, AuditActions.ConsultationClosed,
            AuditActions.DeadlineExtended, AuditActions.ConsultationReopened, AuditActions.ConsultationArchived,
        ],
        _ => [AuditActions.MemberAdded, AuditActions.MemberChanged, AuditActions.MemberRemoved],
    };
}
