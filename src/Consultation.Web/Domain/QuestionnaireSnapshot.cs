namespace Consultation.Web.Domain;

/// <summary>
/// The frozen questionnaire respondents answer: structure and every text in every offered language.
/// Stored as jsonb in <see cref="QuestionnaireVersion"/>; never changed once written.
/// </summary>
public sealed record QuestionnaireSnapshot(
    string DefaultLanguage,
    IReadOnlyList<string> Languages,
    bool IsAnonymous,
    int EstimatedMinutes,
    IReadOnlyList<SectionSnapshot> Sections,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Texts)
{
    public IEnumerable<QuestionSnapshot> Questions => Sections.SelectMany(s => s.Questions);

    public QuestionSnapshot? FindQuestion(string code) => Questions.FirstOrDefault(q => q.Code == code);

    /// <summary>The text in the language asked for, or the default language's when that one has none.</summary>
    public string Text(string language, string elementKey, TextField field)
    {
        var key = TextKey(elementKey, field);
        if (Texts.TryGetValue(language, out var texts) && texts.TryGetValue(key, out var text) && !string.IsNullOrWhiteSpace(text))
            return text;
        return Texts.TryGetValue(DefaultLanguage, out var defaults) && defaults.TryGetValue(key, out var fallback) ? fallback : "";
    }

    public static string TextKey(string elementKey, TextField field) => $"{elementKey}/{field}";

    /// <summary>The element a text key belongs to: the key without its field.</summary>
    public static string ElementOf(string textKey) => textKey[..textKey.LastIndexOf('/')];

    /// <summary>Every element of this version (the consultation, sections, questions, options, rows) as its <see cref="ElementKey"/>.</summary>
    public IReadOnlySet<string> ElementKeys()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal) { ElementKey.Consultation };
        foreach (var section in Sections)
        {
            keys.Add(ElementKey.Section(section.Code));
            foreach (var question in section.Questions)
            {
                keys.Add(ElementKey.Question(question.Code));
                keys.UnionWith(question.Options.Select(o => ElementKey.Option(question.Code, o.Code)));
                keys.UnionWith(question.Rows.Select(r => ElementKey.Row(question.Code, r)));
            }
        }
        return keys;
    }

    public static QuestionnaireSnapshot Of(Consultation consultation)
    {
        var sections = consultation.Sections.OrderBy(s => s.Position).Select(s => new SectionSnapshot(
            s.Code,
            s.Questions.OrderBy(q => q.Position).Select(q => new QuestionSnapshot(
                q.Code, q.Type, q.IsRequired, q.AsDropdown, q.Profile, q.MaxLength, q.MaxSelections,
                q.Minimum, q.Maximum, q.AllowsDecimals,
                q.Options.OrderBy(o => o.Position).Select(o => new OptionSnapshot(o.Code, o.Sector, o.IsNoOpinion) { IsOther = o.IsOther }).ToList())
            {
                MinSelections = q.MinSelections,
                ShowIf = q.ShowIf,
                Rows = q.Rows.OrderBy(r => r.Position).Select(r => r.Code).ToList(),
                MaxFileMegabytes = q.MaxFileMegabytes,
                AllowedFileTypes = q.AllowedFileTypes.ToList(),
            }).ToList())).ToList();
        var texts = consultation.OfferedLanguages.ToDictionary(
            language => language,
            language => (IReadOnlyDictionary<string, string>)consultation.Texts
                // Emails are sent from the working copy, not answered from a version: respondents never see their texts.
                .Where(t => t.Language == language && !string.IsNullOrWhiteSpace(t.Text) && !ElementKey.IsEmail(t.ElementKey))
                .ToDictionary(t => TextKey(t.ElementKey, t.Field), t => t.Text));
        return new QuestionnaireSnapshot(consultation.DefaultLanguage, consultation.OfferedLanguages.ToList(),
            consultation.IsAnonymous, consultation.EstimatedMinutes, sections, texts)
        {
            AsksPublicationPreference = consultation.AsksPublicationPreference,
        };
    }

    /// <summary>Whether respondents are asked how their response may be published. Added later: false in older versions.</summary>
    public bool AsksPublicationPreference { get; init; }

    /// <summary>The choices offered: never "with my name" in an anonymous consultation.</summary>
    public IReadOnlyList<PublicationPreference> PublicationChoices => IsAnonymous
        ? [PublicationPreference.Anonymously, PublicationPreference.NotPublished]
        : [PublicationPreference.WithName, PublicationPreference.Anonymously, PublicationPreference.NotPublished];
}

public sealed record SectionSnapshot(string Code, IReadOnlyList<QuestionSnapshot> Questions);

public sealed record QuestionSnapshot(
    string Code,
    QuestionType Type,
    bool IsRequired,
    bool AsDropdown,
    ProfileField Profile,
    int? MaxLength,
    int? MaxSelections,
    decimal? Minimum,
    decimal? Maximum,
    bool AllowsDecimals,
    IReadOnlyList<OptionSnapshot> Options)
{
    // Added after the first snapshots were stored: init properties with defaults, so older versions still read.
    public int? MinSelections { get; init; }

    /// <summary>The condition on earlier answers that shows the question; null when always shown.</summary>
    public string? ShowIf { get; init; }

    /// <summary>Row codes of a matrix question, in order.</summary>
    public IReadOnlyList<string> Rows { get; init; } = [];

    public int? MaxFileMegabytes { get; init; }
    public IReadOnlyList<string> AllowedFileTypes { get; init; } = [];

    public OptionSnapshot? FindOption(string code) => Options.FirstOrDefault(o => o.Code == code);
}

public sealed record OptionSnapshot(string Code, Sector? Sector, bool IsNoOpinion)
{
    public bool IsOther { get; init; }
}
