namespace Consultation.Web.Localization;

using System.Globalization;
using Consultation.Web.Domain;

/// <summary>
/// A time of the consultation's schedule as a respondent reads it (on a page or in an email): in the consultation's time zone, with that
/// zone's name, written the way the content language writes dates. wwwroot/js/local-time.js rewrites it into the
/// reader's own time zone when that differs.
/// </summary>
public sealed record ZonedMoment(DateTimeOffset Utc, string LocalText, string TimeZone)
{
    /// <summary>The moment for a <c>time</c> element's <c>datetime</c>, in UTC.</summary>
    public string Iso => Utc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static ZonedMoment In(DateTimeOffset utc, string? timeZone, string language)
    {
        var zone = ZonedTime.Find(timeZone) ?? TimeZoneInfo.Utc;
        var local = ZonedTime.ToLocal(utc, zone)!.Value;
        return new ZonedMoment(utc, local.ToString("f", CultureOf(language)), zone == TimeZoneInfo.Utc ? "UTC" : zone.Id);
    }

    /// <summary>The content language's culture; a tag .NET does not know falls back to the request's.</summary>
    private static CultureInfo CultureOf(string language)
    {
        try
        {
            return CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.CurrentCulture;
        }
    }
}
