namespace Consultation.Web.Data;

using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>Whom the sending code (invitations, resends, reminders) may write to.</summary>
public static class InvitationQueries
{
    /// <summary>
    /// The consultation's invitations an invitation or a reminder may still go to: <see cref="Invitation.MayBeEmailedRule"/>
    /// (not declined, opted out, completed or withdrawn) and a person the registry does not mark "never email", which covers
    /// every consultation. Receipts are not chosen here: they go to whoever answered.
    /// </summary>
    public static IQueryable<Invitation> InvitationsToEmail(this ConsultationDbContext db, Guid consultationId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Invitations.Where(i => i.ConsultationId == consultationId).Where(Invitation.MayBeEmailedRule)
            .Where(i => db.Stakeholders.Any(s => s.Id == i.StakeholderId && !s.NeverEmail));
    }

    /// <summary>
    /// Consultations with the texts an email to their people needs: their own (the title) and their emails' wordings,
    /// not the questionnaire's.
    /// </summary>
    public static IQueryable<Consultation> WithEmailTexts(this IQueryable<Consultation> consultations) =>
        consultations.Include(c => c.Texts.Where(t => t.ElementKey == ElementKey.Consultation || EF.Functions.Like(t.ElementKey, "email:%")));
}
