namespace Consultation.Web.Domain;

/// <summary>One text to translate: where it goes, and its wording in the default language.</summary>
public sealed record TranslatableText(string ElementKey, TextField Field, string DefaultText)
{
    /// <summary>Titles, labels and subjects are one line; the consultation's pages, hints and email bodies are long texts.</summary>
    public bool IsLong => ContentLimits.For(Field) > ContentLimits.EmailSubject;

    /// <summary>An email's subject or body: its placeholders must survive translation.</summary>
    public bool IsEmail => global::Consultation.Web.Domain.ElementKey.IsEmail(ElementKey);
}

/// <summary>Where one text stands in one language.</summary>
public enum TranslationState
{
    Missing,

    /// <summary>Translated from a default-language wording that has changed since.</summary>
    Outdated,

    Done,
}

/// <summary>How far one language has come: of <see cref="Total"/> texts, how many have a translation and how many of those are outdated.</summary>
public sealed record TranslationProgress(int Total, int Translated, int Outdated)
{
    public int Missing => Total - Translated;
}

/// <summary>Translating the questionnaire's texts into the other offered languages, side by side with the default language.</summary>
public sealed partial class Consultation
{
    /// <summary>
    /// Every text the default language has, in the order respondents meet them: the consultation's own texts, then each
    /// section's title and its questions with their hints, options and statements. A text empty in the default language
    /// has nothing to translate from and is left out.
    /// </summary>
    public IReadOnlyList<TranslatableText> TranslatableTexts()
    {
        var places = TextPlaces().Select(p => (p.ElementKey, p.Field)).ToList();
        var known = places.ToHashSet();
        // A default text stored where no form writes one (none today) still needs translating: it would block publishing.
        var elsewhere = _texts
            .Where(t => t.Language == DefaultLanguage && !known.Contains((t.ElementKey, t.Field)))
            .OrderBy(t => t.ElementKey, StringComparer.Ordinal).ThenBy(t => t.Field)
            .Select(t => (t.ElementKey, t.Field));
        return [.. places.Concat(elsewhere)
            .Select(p => (p.ElementKey, p.Field, Text: DefaultText(p.ElementKey, p.Field)))
            .Where(p => !string.IsNullOrWhiteSpace(p.Text))
            .Select(p => new TranslatableText(p.ElementKey, p.Field, p.Text!))];
    }

    /// <summary>The stored text of an element's field in a language, if there is one.</summary>
    public ContentText? TextIn(string elementKey, TextField field, string language) =>
        _texts.Find(t => t.ElementKey == elementKey && t.Field == field && t.Language == language);

    public TranslationState StateIn(TranslatableText text, string language)
    {
        var stored = TextIn(text.ElementKey, text.Field, language);
        if (string.IsNullOrWhiteSpace(stored?.Text))
            return TranslationState.Missing;
        return stored.SourceHash == ContentText.Hash(text.DefaultText) ? TranslationState.Done : TranslationState.Outdated;
    }

    public TranslationProgress ProgressIn(string language)
    {
        var states = TranslatableTexts().Select(t => StateIn(t, language)).ToList();
        return new TranslationProgress(states.Count, states.Count(s => s != TranslationState.Missing), states.Count(s => s == TranslationState.Outdated));
    }

    /// <summary>
    /// Stores a translation of a default-language text, with the hash of that text as its source: saving a translation
    /// again unchanged marks it as fitting the current wording. An empty text clears the translation.
    /// </summary>
    public void Translate(string elementKey, TextField field, string language, string? text)
    {
        EnsureNotArchived();
        if (!IsOffered(language) || string.Equals(language, DefaultLanguage, StringComparison.OrdinalIgnoreCase))
            throw new DomainException("The consultation is not offered in '{0}'.", language);
        if (string.IsNullOrWhiteSpace(DefaultText(elementKey, field)))
            throw new DomainException("There is no text in the default language to translate.");
        var value = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var limit = ContentLimits.For(field);
        if (value.Length > limit)
            throw new DomainException("This text must be {0} characters or fewer (it has {1})", limit, value.Length);
        // An email's placeholders are filled when it is sent: a translation that loses the link, or invents a placeholder, is refused now.
        if (ElementKey.IsEmail(elementKey) && value.Length > 0)
            EmailTexts.Check(field, value);
        SetText(elementKey, field, OfferedLanguages.First(l => string.Equals(l, language, StringComparison.OrdinalIgnoreCase)), value);
    }

    /// <summary>
    /// Every place a text can go, in the order respondents meet them, whether written or not, then the emails' texts;
    /// <c>Required</c> marks the titles and labels nothing can be shown without.
    /// </summary>
    private IEnumerable<(string ElementKey, TextField Field, bool Required)> TextPlaces()
    {
        foreach (var field in OwnTextFields)
            yield return (ElementKey.Consultation, field, field == TextField.Title);
        foreach (var section in OrderedSections)
        {
            yield return (ElementKey.Section(section.Code), TextField.Title, true);
            foreach (var question in section.OrderedQuestions)
            {
                yield return (ElementKey.Question(question.Code), TextField.Label, true);
                yield return (ElementKey.Question(question.Code), TextField.Help, false);
                foreach (var option in question.Options.OrderBy(o => o.Position))
                    yield return (ElementKey.Option(question.Code, option.Code), TextField.Label, true);
                foreach (var row in question.Rows.OrderBy(r => r.Position))
                    yield return (ElementKey.Row(question.Code, row.Code), TextField.Label, true);
            }
        }
        foreach (var kind in EmailTexts.Kinds)
        {
            foreach (var field in EmailTexts.Fields)
                yield return (ElementKey.Email(kind), field, false);
        }
    }
}
