using System.Globalization;

namespace Consultation.Web.Localization;

/// <summary>
/// Runs a stretch of a request in another culture, then restores the request's own. The organisers' preview shows
/// a questionnaire in the interface language its respondents would get, inside a page in the organiser's language.
/// </summary>
public sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    private CultureScope(CultureInfo culture)
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    /// <summary>The culture a respondent reading <paramref name="contentLanguage"/> gets: that language's interface, or English.</summary>
    public static CultureInfo OfRespondent(string contentLanguage) => CultureInfo.GetCultureInfo(UiLanguages.ServingUi(contentLanguage));

    public static CultureScope ForRespondent(string contentLanguage) => new(OfRespondent(contentLanguage));

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
