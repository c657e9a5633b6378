namespace Consultation.Web.Pages.Respond;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.Extensions.Localization;

/// <summary>
/// Emails a public-link respondent their resume link, for the answer page's resume form (<c>?handler=ResumeLink</c>): sent
/// once, never stored with their answers, and only a few times from one network address (see <see cref="ResumeEmailLimit"/>).
/// </summary>
public sealed class ResumeLinkSender(ConsultationDbContext db, Outbox outbox, ResumeEmailLimit limit, PublicLinks publicLinks,
    IStringLocalizer<SharedResource> s)
{
    /// <summary>Queues the email and sends it soon; or says, in words, why it was not sent.</summary>
    public async Task<string?> SendAsync(HttpContext context, RespondentLink link, string language, string address,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (address.Length == 0 || address.Length > AnswerReader.EmailLength || !AnswerReader.IsEmail(address))
            return s[AnswerReader.Messages.InvalidEmail];
        if (!limit.TryTake(context))
            return s["Too many links were sent from here. Copy the link above, or try again in a quarter of an hour."];
        var resumeLink = publicLinks.Absolute($"{link.BasePath}/answer");
        await outbox.AddAsync(ResumeLinkEmail.Build(link.Snapshot, address, language, resumeLink, s, now), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        outbox.DeliverSoon();
        return null;
    }
}
