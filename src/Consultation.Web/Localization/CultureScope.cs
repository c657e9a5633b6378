namespace Consultation.Web.Localization;

using System.Globalization;

/// <summary>
/// Runs a stretch of work in another culture, then restores the one before. The organisers' preview shows a
/// questionnaire in the interface language its respondents would get, inside a page in the organiser's language; emails
/// and summaries are written in their reader's language whatever the request's.
/// </summary>
public sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    private CultureScope(CultureInfo uiCulture, CultureInfo culture)
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
    }

    /// <summary>The culture a respondent reading <paramref name="contentLanguage"/> gets: that language's interface, or English.</summary>
    public static CultureInfo OfRespondent(string contentLanguage) => CultureInfo.GetCultureInfo(UiLanguages.ServingUi(contentLanguage));

    /// <summary>Words, dates and numbers in the interface language that serves <paramref name="contentLanguage"/>.</summary>
    public static CultureScope ForRespondent(string contentLanguage) => new(OfRespondent(contentLanguage), OfRespondent(contentLanguage));

    /// <summary>Words as <see cref="ForRespondent"/>, dates and numbers as the language itself writes them ("fr-CA", not "fr").</summary>
    public static CultureScope ForRespondentInOwnFormats(string contentLanguage) =>
        new(OfRespondent(contentLanguage), CultureInfo.GetCultureInfo(contentLanguage));

    /// <summary>Only the words change, to the interface language that serves <paramref name="language"/>; dates and numbers stay as they are.</summary>
    public static CultureScope WordsIn(string language) => new(OfRespondent(language), CultureInfo.CurrentCulture);

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
