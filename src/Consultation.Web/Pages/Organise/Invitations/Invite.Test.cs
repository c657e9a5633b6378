namespace Consultation.Web.Pages.Organise.Invitations;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// "Send a test invitation to myself": the invitation exactly as a person reading <c>testLanguage</c> would get it, sent to
/// the signed-in organiser's own address only. Its links open the staff preview in that language instead of a personal
/// link, so the test creates no invitation and no link; it offers no one-click unsubscribe (there is nothing to leave).
/// </summary>
public sealed partial class InviteModel
{
    /// <summary>The language of the test invitation just sent, and the address it went to.</summary>
    public string? TestSentIn { get; private set; }
    public string? TestSentTo { get; private set; }

    public async Task<IActionResult> OnPostTestAsync([FromRoute] Guid consultationId, [FromForm] string? testLanguage,
        [FromServices] PublicLinks publicLinks, [FromServices] Outbox outbox, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(consultationId, cancellationToken))
            return NotFound();
        if (testLanguage is not { Length: > 0 } || !Consultation.IsOffered(testLanguage))
            return await RefuseTestAsync(s["Choose one of the consultation’s languages for the test invitation."], cancellationToken);
        var userId = User.RequiredStaffUserId();
        var address = await db.Users.Where(u => u.Id == userId).Select(u => new { u.Email, u.DisplayName }).SingleAsync(cancellationToken);
        if (address.Email is not { Length: > 0 } email)
            return await RefuseTestAsync(s["Your account has no email address to send the test to."], cancellationToken);

        // Read without tracking: the default wordings adopted here are for this email, not saved.
        var consultation = await db.Consultations.AsNoTracking()
            .WithEmailTexts()
            .SingleAsync(c => c.Id == consultationId, cancellationToken);
        EmailDefaults.Adopt(consultation, s);
        var language = Consultation.OfferedLanguages.First(l => string.Equals(l, testLanguage, StringComparison.OrdinalIgnoreCase));
        var preview = publicLinks.Absolute($"/organise/{consultationId}/preview?language={Uri.EscapeDataString(language)}");
        var name = address.DisplayName is { Length: > 0 } displayName ? displayName : email;
        var rendered = InvitationEmail.Render(consultation, new EmailRecipient(name, language, null), new EmailLinks(preview, preview, preview), s);
        try
        {
            db.OutboundEmails.Add(rendered.Queue($"test-invitation:{consultationId}:{Guid.NewGuid()}", email, time.GetUtcNow())
                .WithHeaders(rendered.ReplyTo, unsubscribeUrl: null));
        }
        catch (DomainException refusal)
        {
            return await RefuseTestAsync(s.Explain(refusal), cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        outbox.DeliverSoon();
        return RedirectToPage(new { consultationId, testSent = language });
    }

    private async Task ShowTestSentAsync(string language, CancellationToken cancellationToken)
    {
        var userId = User.RequiredStaffUserId();
        TestSentTo = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync(cancellationToken);
        TestSentIn = language;
    }

    private async Task<IActionResult> RefuseTestAsync(string problem, CancellationToken cancellationToken)
    {
        ModelState.AddModelError("testLanguage", problem);
        await ListAsync(cancellationToken);
        return Page();
    }
}
