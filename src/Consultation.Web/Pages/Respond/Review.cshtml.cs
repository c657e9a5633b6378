namespace Consultation.Web.Pages.Respond;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>
/// Every saved answer, section by section with a link to change it, the publication preference, and the one button that
/// submits: once, whatever the double clicks, back buttons and tabs; again after a change, until the deadline.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ReviewModel(RespondentLinks links, TimeProvider time, ConsultationDbContext db, IAntiforgery antiforgery,
    IStringLocalizer<SharedResource> s) : RespondentPageModel(links, time)
{
    public QuestionnairePages Pages { get; private set; } = null!;
    public AnswerSet Answers { get; private set; } = AnswerSet.Empty;

    /// <summary>Each problem, by question code, in the reader's language.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public string? FormProblem { get; private set; }

    /// <summary>The form field of the publication preference; its error is kept under this key too, which no question code can be.</summary>
    public const string PublicationField = "Publication";

    /// <summary>The publication preference as posted or as last submitted (a <see cref="PublicationPreference"/> name).</summary>
    public string? Publication { get; private set; }

    /// <summary>The revision the page was shown at, posted back: a replayed form finds it moved on and submits nothing.</summary>
    [BindProperty]
    public int Revision { get; set; }

    public bool IsChange => Link.Response!.IsSubmitted;

    protected override bool TakesAnswers => true;

    /// <summary>Nothing to review before the first answers are saved.</summary>
    protected override IActionResult? Refuse(RespondentLink link) => link.Response is null ? Redirect($"{link.BasePath}/answer") : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Publication = Link.Response!.PublicationPreference?.ToString();
        Revision = Link.Response.Revision;
        await CheckAsync(cancellationToken);
        if (await AnsweredThroughAnotherLinkAsync(cancellationToken))
            FormProblem = AnsweredElsewhere;
        return Page();
    }

    /// <summary>
    /// An anonymous consultation's invitation may have several links (ADR 0018), each with its own draft, since nothing joins
    /// a response to its invitation; the first submit through any of them completes it, and the others submit nothing.
    /// </summary>
    private string AnsweredElsewhere =>
        s["Answers to this invitation have already been submitted through another of its links. Only one response is kept per invitation, so these answers were not submitted."];

    /// <summary>
    /// Whether a first submit of this link's draft would be a second response to its anonymous invitation: the invitation is
    /// completed, or its completion is pending (see <see cref="PendingCompletion"/>).
    /// </summary>
    private async Task<bool> AnsweredThroughAnotherLinkAsync(CancellationToken cancellationToken)
    {
        if (!Link.Consultation.IsAnonymous || Link.Invitation is not { } invitation || Link.Response is not { IsSubmitted: false })
            return false;
        var id = invitation.Id;
        return await db.Invitations.AsNoTracking().AnyAsync(i => i.Id == id && i.Status == InvitationStatus.Completed, cancellationToken)
            || await db.PendingCompletions.AnyAsync(p => p.InvitationId == id, cancellationToken);
    }

    /// <summary>Submits the saved answers; the receipt of a personal link's response is queued with them.</summary>
    public async Task<IActionResult> OnPostAsync([FromServices] Outbox outbox, [FromServices] PublicLinks publicLinks, CancellationToken cancellationToken)
    {
        var response = Link.Response!;
        var shownAt = Revision;
        Publication = Request.Form[PublicationField].FirstOrDefault();
        if (Revision != response.Revision)
        {
            // The same form again (a double click, the back button, a second tab): the first submit counted.
            if (response.IsSubmitted)
                return Redirect($"{Link.BasePath}/thank-you");
            FormProblem = s["This page was out of date. Check your answers and submit them again."];
        }
        else if (!await antiforgery.IsRequestValidAsync(HttpContext))
            FormProblem = s["Your session had expired. Check your answers and submit them again."];
        var (answers, _) = await CheckAsync(cancellationToken);
        var publication = ReadPublicationPreference();
        Revision = response.Revision;
        if (FormProblem is null && await AnsweredThroughAnotherLinkAsync(cancellationToken))
        {
            // Another tab of this same link may be what just submitted (this request read the draft before it landed).
            if (await SubmittedSinceAsync(response.Id, shownAt, cancellationToken))
                return Redirect($"{Link.BasePath}/thank-you");
            FormProblem = AnsweredElsewhere;
        }
        if (FormProblem is not null || Errors.Count > 0)
            return Page();

        var now = Now;
        var first = !response.IsSubmitted;
        db.ResponseRevisions.Add(response.Submit(Link.Consultation, Link.Snapshot, Link.Invitation, answers, Language, publication, now));
        // An anonymous response's invitation is completed, and its receipt sent, later and in a batch (see PendingCompletion).
        var anonymousInvitation = Link.Consultation.IsAnonymous ? Link.Invitation : null;
        if (first && anonymousInvitation is not null)
            db.PendingCompletions.Add(PendingCompletion.For(anonymousInvitation, Language));
        var receipt = anonymousInvitation is null && await ReceiptAsync(outbox, publicLinks, answers, response.Revision, now, cancellationToken);
        var claimsInvitation = first && anonymousInvitation is not null;
        try
        {
            // The response, its revision, the completed invitation and the receipt are stored together or not at all.
            await using var transaction = claimsInvitation ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            await db.SaveChangesAsync(cancellationToken);
            // Another link's submit may have been completed by the job between the check above and the pending row written
            // here (the job deletes that link's pending row); read after writing ours, the invitation shows it. A read, not a
            // lock: a lock would leave this transaction's id on the invitation's row.
            if (transaction is not null)
            {
                if (await db.Invitations.AsNoTracking().AnyAsync(i => i.Id == anonymousInvitation!.Id && i.Status == InvitationStatus.Completed, cancellationToken))
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return await NotSubmittedAsync(AnsweredElsewhere, cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
            }
            if (receipt)
                outbox.DeliverSoon();
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException
            || e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Usually another tab submitted the same response at the same moment (the row's version, or the revision's or the
            // receipt's unique key, noticed it), and its submit counts. Thank the respondent only when a submit did land.
            // Else, when the pending completion's key stopped it, another link of the invitation submitted first.
            if (await SubmittedSinceAsync(response.Id, shownAt, cancellationToken))
                return Redirect($"{Link.BasePath}/thank-you");
            var elsewhere = claimsInvitation && e.InnerException is Npgsql.PostgresException { ConstraintName: "pk_pending_completions" };
            return await NotSubmittedAsync(elsewhere ? AnsweredElsewhere
                : s["Your answers could not be submitted. They are saved: check them and submit them again."], cancellationToken);
        }
        return Redirect($"{Link.BasePath}/thank-you");
    }

    private Task<bool> SubmittedSinceAsync(Guid responseId, int shownAt, CancellationToken cancellationToken) =>
        db.Responses.AsNoTracking().AnyAsync(r => r.Id == responseId && r.Status == ResponseStatus.Submitted && r.Revision > shownAt, cancellationToken);

    /// <summary>The review again, as stored, saying why the submit did not land; the answers are in the draft and the preference as posted.</summary>
    private async Task<IActionResult> NotSubmittedAsync(string problem, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var publication = Publication;
        if (await OpenLinkAsync(cancellationToken) is { } stop)
            return stop;
        Errors.Clear();
        await CheckAsync(cancellationToken);
        Revision = Link.Response!.Revision;
        Publication = publication;
        FormProblem = problem;
        return Page();
    }

    public string Title => Link.Text(Language, ElementKey.Consultation, TextField.Title);

    public AnswerList List => new(Link, Language, Pages, Answers, Errors, CanChange: true);

    /// <summary>Where a problem is fixed: its page, which then shows its own problems, at the question.</summary>
    public string FixLink(string code)
    {
        var number = Enumerable.Range(1, Link.Snapshot.Sections.Count).First(n => Pages.Section(n).Questions.Any(q => q.Code == code));
        return $"{Link.BasePath}/answer/{number}?check=true#question-{code}";
    }

    /// <summary>Reads the saved answers as a submit would, keeping their problems for the page.</summary>
    private async Task<(AnswerSet, IReadOnlyList<AnswerError>)> CheckAsync(CancellationToken cancellationToken)
    {
        Pages = new QuestionnairePages(Link.Snapshot, Link.Response!.Fields);
        var (answers, errors, _) = await Links.ReadSavedAsync(Link, cancellationToken);
        Answers = answers;
        foreach (var error in errors)
            Errors[error.QuestionCode] = s[error.Message, error.Arguments];
        return (answers, errors);
    }

    /// <summary>The publication preference, when the consultation asks: one of the choices offered, or an error in words.</summary>
    private PublicationPreference? ReadPublicationPreference()
    {
        if (!Link.Snapshot.AsksPublicationPreference)
            return null;
        if (Enum.TryParse<PublicationPreference>(Publication, ignoreCase: false, out var chosen) && Enum.IsDefined(chosen)
            && Link.Snapshot.PublicationChoices.Contains(chosen))
            return chosen;
        Errors[PublicationField] = s["Choose how your response may be published"];
        return null;
    }

    /// <summary>Queues the receipt of a personal link's response, to the invited stakeholder: one per submit.</summary>
    private async Task<bool> ReceiptAsync(Outbox outbox, PublicLinks publicLinks, AnswerSet answers, int revision, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (Link.Invitation is not { } invitation || await db.Stakeholders.FindAsync([invitation.StakeholderId], cancellationToken) is not { } stakeholder)
            return false;
        var personalLink = publicLinks.Absolute(Link.BasePath);
        await outbox.AddAsync(ReceiptEmail.Build(Link.Snapshot, invitation, stakeholder.Email, answers, Language, personalLink, s, now, revision), cancellationToken);
        return true;
    }
}
