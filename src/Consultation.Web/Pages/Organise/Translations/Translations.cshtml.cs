namespace Consultation.Web.Pages.Organise.Translations;

using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>Each offered language's progress: texts translated, missing and outdated, with a link to its editor for those who may translate it.</summary>
public sealed class TranslationsModel(ConsultationDbContext db) : PageModel
{
    public sealed record LanguageRow(string Language, TranslationProgress Progress, bool MayTranslate);

    public Guid ConsultationId { get; private set; }
    public string Title { get; private set; } = "";
    public string DefaultLanguage { get; private set; } = "";
    public bool Organises { get; private set; }
    public IReadOnlyList<LanguageRow> Languages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid consultationId, CancellationToken cancellationToken)
    {
        var consultation = await QuestionnaireLoader.LoadAsync(db, consultationId, cancellationToken);
        if (consultation is null)
            return NotFound();
        var access = await TranslationAccess.OfAsync(db, User, consultationId, cancellationToken);
        ConsultationId = consultationId;
        Organises = access.Organises;
        DefaultLanguage = consultation.DefaultLanguage;
        Title = (await ConsultationTitles.InAsync(db, [consultation], CultureInfo.CurrentUICulture.Name, cancellationToken))[consultationId];
        Languages = [.. consultation.OfferedLanguages
            .Where(l => !string.Equals(l, consultation.DefaultLanguage, StringComparison.OrdinalIgnoreCase))
            .Select(l => new LanguageRow(l, consultation.ProgressIn(l), access.Allows(l)))];
        return Page();
    }
}
