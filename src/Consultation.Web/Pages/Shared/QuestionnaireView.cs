namespace Consultation.Web.Pages.Shared;

using Consultation.Web.Domain;

/// <summary>
/// What the questionnaire renderer (<c>_Questionnaire.cshtml</c>, with <c>_QuestionnaireErrors.cshtml</c> for the
/// error summary) needs: each section's title and questions in one language, with what was posted and what is wrong.
/// The answer page and the organisers' preview both render through it, so the preview shows exactly what respondents see.
/// </summary>
public sealed record QuestionnaireView(IReadOnlyList<SectionView> Sections)
{
    public IEnumerable<QuestionView> Questions => Sections.SelectMany(s => s.Questions);

    /// <summary>Problems of the page that belong to no question (such as the publication preference): the anchor of their field and the message.</summary>
    public IReadOnlyList<(string Anchor, string Message)> OtherErrors { get; init; } = [];

    /// <summary>For a page of the questionnaire: where its section stands among the sections the respondent will see.</summary>
    public (int Position, int Total)? Progress { get; init; }

    /// <summary>Only one section (1-based <paramref name="number"/>), without the questions in <paramref name="omitted"/>.</summary>
    public QuestionnaireView Page(int number, int position, int total, IReadOnlySet<string> omitted) => this with
    {
        Sections = [Sections[number - 1] with { Questions = Sections[number - 1].Questions.Where(q => !omitted.Contains(q.Code)).ToList() }],
        Progress = (position, total),
    };

    public bool HasErrors => OtherErrors.Count > 0 || Questions.Any(q => q.Error is not null);

    /// <param name="errors">Each question's error, in the reader's language, by question code.</param>
    /// <param name="errorKeys">Each question's error as its untranslated message, which says whether it is about the text of "Other".</param>
    /// <param name="files">The file kept for an upload question, if any.</param>
    public static QuestionnaireView For(QuestionnaireSnapshot snapshot, string language, Func<string, IReadOnlyList<string>> posted,
        IReadOnlyDictionary<string, string> errors, IReadOnlyDictionary<string, string> errorKeys, Func<string, FileAnswer?> files) => new(
        snapshot.Sections.Select(section => new SectionView(
            section.Code,
            snapshot.Text(language, ElementKey.Section(section.Code), TextField.Title),
            section.Questions.Select(q => QuestionView.For(snapshot, language, q, posted, errors.GetValueOrDefault(q.Code),
                files(q.Code), errorKeys.GetValueOrDefault(q.Code))).ToList())).ToList());
}

public sealed record SectionView(string Code, string Title, IReadOnlyList<QuestionView> Questions);
