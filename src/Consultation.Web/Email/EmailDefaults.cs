namespace Consultation.Web.Email;

using Consultation.Web.Domain;
using Consultation.Web.Localization;
using Microsoft.Extensions.Localization;

/// <summary>
/// The platform's own wording of the emails organisers may reword, from the interface resources: a consultation starts
/// with it in every offered language the interface speaks (<see cref="Consultation.AdoptEmailDefaults"/>).
/// </summary>
public static class EmailDefaults
{
    /// <summary>The default wording in an interface language; a content language the interface does not speak gets null.</summary>
    public static EmailWording? In(EmailKind kind, string language, IStringLocalizer s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (!UiLanguages.Supported.Any(ui => UiLanguages.Matches(ui, language)))
            return null;
        using (CultureScope.ForRespondent(language))
        {
            return kind switch
            {
                EmailKind.Invitation => new EmailWording(s["Default invitation subject"].Value, s["Default invitation body"].Value),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No default wording for this email."),
            };
        }
    }

    /// <summary>Gives every organiser-worded email of the consultation its default wording where it has none; returns whether anything was added.</summary>
    public static bool Adopt(Consultation consultation, IStringLocalizer s)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        var added = false;
        foreach (var kind in EmailTexts.Kinds)
        {
            var forDefault = In(kind, consultation.DefaultLanguage, s) ?? In(kind, UiLanguages.Default, s)!;
            added |= consultation.AdoptEmailDefaults(kind, forDefault, language => In(kind, language, s));
        }
        return added;
    }
}
