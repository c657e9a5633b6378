namespace Consultation.Web.Pages.Organise.Emails;

using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>
/// The invitation's wording in the default language and where replies go, with the exact email each offered language
/// will receive. Translations are made in the translation editor, like every other text.
/// </summary>
public sealed class EmailsModel(ConsultationDbContext db, StaffAudit audit, PublicLinks publicLinks, IStringLocalizer<SharedResource> s) : PageModel
{
    public sealed class EmailInput
    {
        public string? Subject { get; set; }
        public string? Body { get; set; }
        public string? ContactEmail { get; set; }

        /// <summary>The wording the form was read with: a save over someone else's newer wording is refused.</summary>
        public string? OriginalSubject { get; set; }

        public string? OriginalBody { get; set; }
    }

    /// <summary>One offered language's email, rendered with sample values.</summary>
    public sealed record Preview(string Language, RenderedEmail Email);

    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public Consultation Consultation { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public IReadOnlyList<Preview> Previews { get; private set; } = [];
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid consultationId, [FromQuery] bool saved, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(consultationId, cancellationToken))
            return NotFound();
        var wording = Consultation.EmailIn(EmailKind.Invitation, Consultation.DefaultLanguage)!;
        Input = new EmailInput
        {
            Subject = wording.Subject, Body = wording.Body, ContactEmail = Consultation.ContactEmail,
            OriginalSubject = wording.Subject, OriginalBody = wording.Body,
        };
        Saved = saved;
        ShowPreviews();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(consultationId, cancellationToken))
            return NotFound();
        if (Consultation.IsArchived)
        {
            ModelState.AddModelError("", s["This consultation is archived: its texts can be read but not changed."]);
            ShowPreviews();
            return Page();
        }
        var stored = Consultation.EmailIn(EmailKind.Invitation, Consultation.DefaultLanguage)!;
        if (stored.Subject != Normalise(Input.OriginalSubject) || stored.Body != Normalise(Input.OriginalBody))
        {
            // Keep what was typed; the form now carries the newer wording, so saving again replaces it knowingly.
            ModelState.AddModelError("", s["Someone else saved changes to this consultation while you were editing. Nothing you typed here was saved: check it below and save again to replace their changes."]);
            ModelState.Remove($"{nameof(Input)}.{nameof(EmailInput.OriginalSubject)}");
            ModelState.Remove($"{nameof(Input)}.{nameof(EmailInput.OriginalBody)}");
            (Input.OriginalSubject, Input.OriginalBody) = (stored.Subject, stored.Body);
            ShowPreviews();
            return Page();
        }
        Refuse(nameof(EmailInput.Subject), () => EmailTexts.Check(TextField.Subject, Normalise(Input.Subject)));
        Refuse(nameof(EmailInput.Body), () => EmailTexts.Check(TextField.Body, Normalise(Input.Body)));
        Refuse(nameof(EmailInput.ContactEmail), () => Consultation.UseContactEmail(Input.ContactEmail));
        if (ModelState.IsValid)
            Refuse("", () => Consultation.WordEmail(EmailKind.Invitation, Input.Subject, Input.Body));
        if (!ModelState.IsValid)
        {
            ShowPreviews();
            return Page();
        }
        audit.Record(AuditActions.EmailsWorded, "consultation", consultationId.ToString(), consultationId);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { consultationId, saved = true });
    }

    /// <summary>Runs one check; its refusal, in the reader's language and naming the placeholder, goes next to its field.</summary>
    private void Refuse(string field, Action check)
    {
        try
        {
            check();
        }
        catch (DomainException refusal)
        {
            ModelState.AddModelError(field.Length == 0 ? "" : $"{nameof(Input)}.{field}", s.Explain(refusal));
        }
    }

    /// <summary>The consultation with its own and its emails' texts; a consultation older than its emails gets their default wording (saved with the first save).</summary>
    private async Task<bool> LoadAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations
            .WithEmailTexts()
            .FirstOrDefaultAsync(c => c.Id == consultationId, cancellationToken);
        if (consultation is null)
            return false;
        EmailDefaults.Adopt(consultation, s);
        Consultation = consultation;
        Title = (await ConsultationTitles.InAsync(db, [consultation], CultureInfo.CurrentUICulture.Name, cancellationToken))[consultationId];
        return true;
    }

    /// <summary>What each offered language receives, as sent (a refused wording is not previewed: the stored one is).</summary>
    private void ShowPreviews()
    {
        // The link as sent: from the public base URL (or the listening address), never from this request's Host (issue 14, finding 2).
        var site = publicLinks.BaseUrl;
        Previews = [.. Consultation.OfferedLanguages.Select(language =>
        {
            string name;
            using (CultureScope.ForRespondent(language))
                name = s["Alex Example"];
            var links = InvitationLinks.EmailLinksFor($"{site}{InvitationLinks.PathFor("example-personal-link")}");
            return new Preview(language, InvitationEmail.Render(Consultation, new EmailRecipient(name, language, null), links, s));
        })];
    }

    private static string Normalise(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
