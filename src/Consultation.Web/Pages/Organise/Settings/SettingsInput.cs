namespace Consultation.Web.Pages.Organise.Settings;

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>
/// A consultation's settings as the new and settings pages show and post them. Texts are those of the default
/// language; times are local to the chosen time zone; <see cref="Version"/> is the row version the form was read at.
/// </summary>
public sealed class SettingsInput
{
    [Required(ErrorMessage = "Enter a title")]
    [StringLength(ContentLimits.Title, ErrorMessage = "The title must be {1} characters or fewer")]
    public string? Title { get; set; }

    public string? Summary { get; set; }
    public string? Landing { get; set; }
    public string? PrivacyNotice { get; set; }
    public string? ThankYou { get; set; }

    [Required(ErrorMessage = "Enter the public link's name")]
    public string? Slug { get; set; }

    [Required(ErrorMessage = "Choose the default language")]
    public string? DefaultLanguage { get; set; }

    public List<string> OfferedLanguages { get; set; } = [];

    public DateTime? OpensAt { get; set; }
    public DateTime? ClosesAt { get; set; }
    public string TimeZone { get; set; } = "UTC";

    [Range(1, 600, ErrorMessage = "Enter a number of minutes between {1} and {2}")]
    public int EstimatedMinutes { get; set; } = 10;

    public AccessMode AccessMode { get; set; } = AccessMode.PublicLink;
    public bool IsAnonymous { get; set; }

    public bool AsksPublicationPreference { get; set; }

    public bool RequiresConsent { get; set; }

    public uint Version { get; set; }

    /// <summary>The link, the default language and anonymity can change only before the first publication.</summary>
    [BindNever]
    public bool IsDraft { get; set; } = true;

    [BindNever]
    public bool IsArchived { get; set; }

    public static SettingsInput From(Consultation c)
    {
        var zone = ZonedTime.Find(c.TimeZone) ?? TimeZoneInfo.Utc;
        string? Text(TextField field) => c.DefaultText(ElementKey.Consultation, field);
        return new SettingsInput
        {
            Title = Text(TextField.Title),
            Summary = Text(TextField.Summary),
            Landing = Text(TextField.Landing),
            PrivacyNotice = Text(TextField.PrivacyNotice),
            ThankYou = Text(TextField.ThankYou),
            Slug = c.Slug,
            DefaultLanguage = c.DefaultLanguage,
            OfferedLanguages = [.. c.OfferedLanguages],
            OpensAt = ZonedTime.ToLocal(c.OpensAt, zone),
            ClosesAt = ZonedTime.ToLocal(c.ClosesAt, zone),
            TimeZone = c.TimeZone,
            EstimatedMinutes = c.EstimatedMinutes,
            AccessMode = c.AccessMode,
            IsAnonymous = c.IsAnonymous,
            AsksPublicationPreference = c.AsksPublicationPreference,
            RequiresConsent = c.RequiresConsent,
            Version = c.Version,
            IsDraft = c.IsDraft,
            IsArchived = c.IsArchived,
        };
    }

    /// <summary>
    /// What the data annotations cannot say: lengths of long texts as stored (line breaks counted once), known
    /// languages and time zones, times that exist, closing after opening, and a link nobody else has.
    /// </summary>
    public async Task ValidateAsync(ModelStateDictionary modelState, IStringLocalizer s, ConsultationDbContext db,
        Consultation? existing, CancellationToken cancellationToken)
    {
        const string prefix = "Input.";
        foreach (var (name, text) in new[] { (nameof(Summary), Summary), (nameof(Landing), Landing), (nameof(PrivacyNotice), PrivacyNotice), (nameof(ThankYou), ThankYou) })
        {
            if (Normalise(text).Length > ContentLimits.LongText)
                modelState.AddModelError(prefix + name, s["This text must be {0} characters or fewer (it has {1})", ContentLimits.LongText.ToString("N0", CultureInfo.CurrentCulture), Normalise(text).Length.ToString("N0", CultureInfo.CurrentCulture)]);
        }

        if (existing is { IsDraft: false })
        {
            // Settled at publication: the form shows them but does not send them.
            Slug = existing.Slug;
            DefaultLanguage = existing.DefaultLanguage;
            IsAnonymous = existing.IsAnonymous;
            modelState.Remove(prefix + nameof(Slug));
            modelState.Remove(prefix + nameof(DefaultLanguage));
        }

        Slug = Slug?.Trim().ToLowerInvariant();
        if (Slug is { Length: > 0 } slug)
        {
            if (!Consultation.IsValidSlug(slug))
                modelState.AddModelError(prefix + nameof(Slug), s["Use only lower-case letters, digits and single hyphens in the link, up to 100 characters (for example: climate-2027)"]);
            else if (await db.Consultations.AnyAsync(c => c.Slug == slug && (existing == null || c.Id != existing.Id), cancellationToken))
                modelState.AddModelError(prefix + nameof(Slug), s["The link /c/{0} is already taken by another consultation. Choose another.", slug]);
        }

        if (DefaultLanguage is { Length: > 0 })
        {
            if (ContentLanguages.Known(DefaultLanguage) is { } known)
                DefaultLanguage = known;
            else
                modelState.AddModelError(prefix + nameof(DefaultLanguage), s["Choose the default language from the list"]);
        }
        var offered = OfferedLanguages.Select(ContentLanguages.Known).ToList();
        if (offered.Any(l => l is null))
            modelState.AddModelError(prefix + nameof(OfferedLanguages), s["Choose the languages from the list"]);
        OfferedLanguages = [.. offered.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)];

        if (!Enum.IsDefined(AccessMode))
            modelState.AddModelError(prefix + nameof(AccessMode), s["Choose who may answer"]);

        if (ZonedTime.Find(TimeZone) is not { } zone)
        {
            modelState.AddModelError(prefix + nameof(TimeZone), s["Choose a time zone from the list."]);
            return;
        }
        foreach (var (name, local) in new[] { (nameof(OpensAt), OpensAt), (nameof(ClosesAt), ClosesAt) })
        {
            if (ZonedTime.IsSkipped(local, zone))
                modelState.AddModelError(prefix + name, s["That time does not exist in this time zone (the clocks change then). Choose another time."]);
        }
        if (OpensAt is { } opens && ClosesAt is { } closes && ZonedTime.ToUtc(closes, zone) <= ZonedTime.ToUtc(opens, zone))
            modelState.AddModelError(prefix + nameof(ClosesAt), s["The closing time must be after the opening time."]);
    }

    /// <summary>Applies the settings through the consultation's own rules (which throw <see cref="DomainException"/>).</summary>
    public void ApplyTo(Consultation c, DateTimeOffset now)
    {
        c.ChangeSlug(Slug!);
        c.ChangeLanguages(DefaultLanguage!, OfferedLanguages);
        c.ChangeAccess(AccessMode, IsAnonymous);
        c.AskPublicationPreference(AsksPublicationPreference);
        c.RequireConsent(RequiresConsent);
        c.ChangeEstimatedMinutes(EstimatedMinutes);
        var zone = ZonedTime.Find(TimeZone)!;
        c.UseTimeZone(zone.Id);
        var (opens, closes) = (Unchanged(c.OpensAt, OpensAt, zone) ?? ZonedTime.ToUtc(OpensAt, zone), Unchanged(c.ClosesAt, ClosesAt, zone) ?? ZonedTime.ToUtc(ClosesAt, zone));
        if (opens != c.OpensAt || closes != c.ClosesAt)
            c.Schedule(opens, closes, now);
        c.SetOwnText(TextField.Title, Title?.Trim());
        c.SetOwnText(TextField.Summary, Normalise(Summary));
        c.SetOwnText(TextField.Landing, Normalise(Landing));
        c.SetOwnText(TextField.PrivacyNotice, Normalise(PrivacyNotice));
        c.SetOwnText(TextField.ThankYou, Normalise(ThankYou));
        c.Touch(now);
    }

    /// <summary>The stored time when the form shows it unchanged (the form has minutes; the stored time may have seconds).</summary>
    private static DateTimeOffset? Unchanged(DateTimeOffset? stored, DateTime? posted, TimeZoneInfo zone) =>
        stored is { } value && posted is { } local && ZonedTime.ToLocal(value, zone) is { } shown
            && shown.AddTicks(-(shown.Ticks % TimeSpan.TicksPerMinute)) == local.AddTicks(-(local.Ticks % TimeSpan.TicksPerMinute))
            ? value : null;

    /// <summary>Browsers send a textarea's line breaks as CR LF; stored, each is one character.</summary>
    private static string Normalise(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
}
