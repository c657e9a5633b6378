namespace Consultation.Web.Pages.Organise.Translations;

using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

/// <summary>
/// Every text of a consultation in one language, side by side with the default language, saved in one go. Only the
/// texts the person changed are saved, and never over a text someone else saved after the page was read.
/// </summary>
public sealed class TranslationModel(ConsultationDbContext db, StaffAudit audit, TimeProvider time, IStringLocalizer<SharedResource> s)
    : PageModel
{
    /// <summary>One text as the form posts it: where it goes, what it said when the page was read, and what it says now.</summary>
    public sealed class FieldInput
    {
        public string ElementKey { get; set; } = "";
        public TextField Field { get; set; }
        public string? Original { get; set; }
        public string? Text { get; set; }

        /// <summary>An outdated translation confirmed as still right for the new default wording.</summary>
        public bool StillFits { get; set; }
    }

    /// <summary>
    /// One text on the page: the default wording, what the box holds and what it held when read, its state, and, when it
    /// could not be saved, why and (if someone else saved it meanwhile) their text.
    /// </summary>
    public sealed record Row(int Index, TranslatableText Source, TranslationState State, string Original, string Text,
        string? Problem = null, string? SavedMeanwhile = null);

    public sealed record Group(string Heading, IReadOnlyList<Row> Rows);

    public Consultation Consultation { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public string Language { get; private set; } = "";
    public bool Organises { get; private set; }
    public bool OnlyOpen { get; private set; }
    public IReadOnlyList<Group> Groups { get; private set; } = [];
    public TranslationProgress Progress { get; private set; } = new(0, 0, 0);
    public string? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid consultationId, [FromRoute] string language, [FromQuery] bool todo,
        [FromQuery] bool saved, [FromQuery] int? version, CancellationToken cancellationToken)
    {
        if (await EnterAsync(consultationId, language, cancellationToken) is { } refusal)
            return refusal;
        OnlyOpen = todo;
        if (saved)
            Saved = version is { } number ? s["Saved. Stakeholders see these texts now (version {0}).", number] : s["Saved."];
        Show([]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] Guid consultationId, [FromRoute] string language, [FromQuery] bool todo,
        [FromForm(Name = "Fields")] List<FieldInput>? fields, CancellationToken cancellationToken)
    {
        // One save at a time per consultation: what others saved is compared, and a live version numbered, until commit.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockConsultationAsync(consultationId, cancellationToken);
        if (await EnterAsync(consultationId, language, cancellationToken) is { } refusal)
            return refusal;
        OnlyOpen = todo;
        // Binding problems (a tampered field name) are not the person's to fix: such a text is simply not saved.
        ModelState.Clear();
        if (Consultation.IsArchived)
        {
            ModelState.AddModelError("", s["This consultation is archived: its texts can be read but not changed."]);
            Show([]);
            return Page();
        }

        var (saved, refused) = Apply(fields ?? []);
        int? versionNumber = null;
        if (saved > 0)
        {
            if (Consultation.IsLive)
                versionNumber = (await LiveVersions.PublishTextChangesAsync(db, audit, Consultation, time.GetUtcNow(), cancellationToken))?.Number;
            audit.Record(AuditActions.TranslationsSaved, "consultation", $"{consultationId}/{Language}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        if (refused.Count == 0)
            return RedirectToPage(new { consultationId, language = Language, todo = todo ? true : (bool?)null, saved = true, version = versionNumber });

        if (saved > 0)
            Saved = versionNumber is { } number ? s["The other texts are saved. Stakeholders see them now (version {0}).", number] : s["The other texts are saved."];
        Show(refused);
        return Page();
    }

    /// <summary>Saves each changed text that nobody else changed meanwhile and that fits its limit; returns how many were saved and what was refused.</summary>
    private (int Saved, Dictionary<(string, TextField), Row> Refused) Apply(List<FieldInput> fields)
    {
        var texts = Consultation.TranslatableTexts().ToDictionary(t => (t.ElementKey, t.Field));
        var refused = new Dictionary<(string, TextField), Row>();
        var saved = 0;
        foreach (var field in fields)
        {
            // A text removed from the questionnaire (or emptied in the default language) meanwhile has nothing left to translate.
            if (!texts.TryGetValue((field.ElementKey, field.Field), out var source))
                continue;
            var typed = Normalise(field.Text);
            var original = Normalise(field.Original);
            var stored = Normalise(Consultation.TextIn(source.ElementKey, source.Field, Language)?.Text);
            var edited = typed != original;
            var confirmed = !edited && field.StillFits && typed.Length > 0 && Consultation.StateIn(source, Language) == TranslationState.Outdated;
            // Untouched, or already what was typed (someone else may have saved the same words): nothing to save.
            if (!edited && !confirmed || edited && typed == stored)
                continue;
            if (stored != original)
            {
                refused[(source.ElementKey, source.Field)] = new Row(0, source, Consultation.StateIn(source, Language), stored, typed,
                    s["Someone else saved this text after you opened the page. Their text is shown here; yours is kept in the box, not saved. Save again to replace theirs."],
                    stored);
                continue;
            }
            var limit = ContentLimits.For(source.Field);
            if (typed.Length > limit)
            {
                refused[(source.ElementKey, source.Field)] = new Row(0, source, Consultation.StateIn(source, Language), original, typed,
                    s["This text must be {0} characters or fewer (it has {1})", limit.ToString("N0", CultureInfo.CurrentCulture), typed.Length.ToString("N0", CultureInfo.CurrentCulture)]);
                continue;
            }
            try
            {
                Consultation.Translate(source.ElementKey, source.Field, Language, typed);
            }
            catch (DomainException refusal)
            {
                // An email's placeholder lost or invented: named, with the typed text kept in the box.
                refused[(source.ElementKey, source.Field)] = new Row(0, source, Consultation.StateIn(source, Language), original, typed, s.Explain(refusal));
                continue;
            }
            saved++;
        }
        return (saved, refused);
    }

    /// <summary>Lays out the texts in questionnaire order; a refused one keeps what was typed and is shown even under the filter.</summary>
    private void Show(Dictionary<(string, TextField), Row> refused)
    {
        Progress = Consultation.ProgressIn(Language);
        var groups = new List<(string Key, string Heading, List<Row> Rows)>();
        var index = 0;
        foreach (var text in Consultation.TranslatableTexts())
        {
            var state = Consultation.StateIn(text, Language);
            var kept = refused.GetValueOrDefault((text.ElementKey, text.Field));
            if (kept is null && OnlyOpen && state == TranslationState.Done)
                continue;
            var stored = Consultation.TextIn(text.ElementKey, text.Field, Language)?.Text ?? "";
            var row = kept is null ? new Row(index, text, state, stored, stored) : kept with { Index = index, State = state };
            if (row.Problem is not null)
                ModelState.AddModelError($"Fields[{index}].Text", $"{FieldName(text)}: {row.Problem}");
            var (key, heading) = GroupOf(text.ElementKey);
            if (groups.Count == 0 || groups[^1].Key != key)
                groups.Add((key, heading, []));
            groups[^1].Rows.Add(row);
            index++;
        }
        Groups = [.. groups.Select(g => new Group(g.Heading, g.Rows))];
    }

    /// <summary>Finds the consultation and the language, and checks the person may translate it: 404 for a language not offered or the default one, 403 for one not theirs.</summary>
    private async Task<IActionResult?> EnterAsync(Guid consultationId, string language, CancellationToken cancellationToken)
    {
        var consultation = await QuestionnaireLoader.LoadAsync(db, consultationId, cancellationToken);
        // The default language's texts are written in the questionnaire and the settings, not translated.
        var offered = consultation?.OfferedLanguages.FirstOrDefault(l => string.Equals(l, language, StringComparison.OrdinalIgnoreCase));
        if (consultation is null || offered is null || string.Equals(offered, consultation.DefaultLanguage, StringComparison.OrdinalIgnoreCase))
            return NotFound();
        var access = await TranslationAccess.OfAsync(db, User, consultationId, cancellationToken);
        if (!access.Allows(offered))
            return Forbid();
        Consultation = consultation;
        Language = offered;
        Organises = access.Organises;
        Title = (await ConsultationTitles.InAsync(db, [consultation], CultureInfo.CurrentUICulture.Name, cancellationToken))[consultationId];
        return null;
    }

    /// <summary>What a text is, in words: the label of its box.</summary>
    public string FieldName(TranslatableText text)
    {
        var parts = text.ElementKey.Split(':');
        return (parts[0], text.Field) switch
        {
            (ElementKey.Consultation, TextField.Title) => s["Title"],
            (ElementKey.Consultation, TextField.Summary) => s["Summary"],
            (ElementKey.Consultation, TextField.Landing) => s["Landing page text"],
            (ElementKey.Consultation, TextField.PrivacyNotice) => s["Privacy notice"],
            (ElementKey.Consultation, TextField.ThankYou) => s["Thank-you text"],
            ("section", TextField.Title) => s["Title"],
            ("question", TextField.Label) => s["Question"],
            ("question", TextField.Help) => s["Hint"],
            ("option", _) when parts.Length == 3 => s["Option {0}", parts[2]],
            ("row", _) when parts.Length == 3 => s["Statement {0}", parts[2]],
            ("email", TextField.Subject) => s["Subject"],
            ("email", TextField.Body) => s["Email text"],
            _ => $"{text.ElementKey} ({text.Field})",
        };
    }

    /// <summary>Options and statements go with their question; the consultation's own texts come first.</summary>
    private (string Key, string Heading) GroupOf(string elementKey)
    {
        var parts = elementKey.Split(':');
        return parts[0] switch
        {
            "section" => (elementKey, s["Section {0}", parts[1]]),
            "question" or "option" or "row" => (ElementKey.Question(parts[1]), s["Question {0}", parts[1]]),
            "email" => (elementKey, Labels.EmailName(s, elementKey)),
            _ => (elementKey, s["The consultation's own texts"]),
        };
    }

    /// <summary>Browsers send line breaks as CR LF; texts are stored with LF and without surrounding spaces.</summary>
    private static string Normalise(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
