namespace Consultation.Web.Pages.Respond;

using Consultation.Web.Domain;
using Consultation.Web.Domain.Conditions;

/// <summary>
/// The pages of a questionnaire for one respondent: one per section, numbered as the sections are (so a link to a page stays
/// right), skipping the sections whose every question the saved answers hide.
/// </summary>
public sealed class QuestionnairePages
{
    private readonly QuestionnaireSnapshot _snapshot;

    /// <summary>The pages for a response's saved fields, read as far as they can be (see <see cref="AnswerFields.Lenient"/>).</summary>
    public QuestionnairePages(QuestionnaireSnapshot snapshot, IReadOnlyDictionary<string, string[]> fields)
        : this(snapshot, AnswerFields.Lenient(snapshot, fields)) { }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<QuestionnaireSnapshot, QuestionnairePages> BlankPages = [];

    /// <summary>
    /// The pages before anything is answered: the same for every first visit to a version, so kept with its snapshot (which
    /// the questionnaire cache shares between requests) rather than worked out on each.
    /// </summary>
    public static QuestionnairePages Blank(QuestionnaireSnapshot snapshot) =>
        BlankPages.GetValue(snapshot, s => new QuestionnairePages(s, new Dictionary<string, string[]>()));

    /// <summary>The pages for submitted answers.</summary>
    public QuestionnairePages(QuestionnaireSnapshot snapshot, AnswerSet answers)
    {
        _snapshot = snapshot;
        Answers = answers;
        Hidden = Condition.ApplyShowIf(snapshot.Questions.Select(q => (q.Code, q.ShowIf)), answers).Hidden;
        Shown = Enumerable.Range(1, snapshot.Sections.Count)
            .Where(n => snapshot.Sections[n - 1].Questions.Any(q => !Hidden.Contains(q.Code)))
            .ToList();
    }

    /// <summary>The answers the pages were worked out from: read once, for whatever else the page shows of them.</summary>
    public AnswerSet Answers { get; }

    /// <summary>The questions the saved answers hide.</summary>
    public IReadOnlySet<string> Hidden { get; }

    /// <summary>The numbers of the sections shown, in order.</summary>
    public IReadOnlyList<int> Shown { get; }

    public int Count => Shown.Count;

    public bool Exists(int number) => number >= 1 && number <= _snapshot.Sections.Count;

    public int? Next(int number) => Shown.Where(n => n > number).Select(n => (int?)n).FirstOrDefault();

    public int? Previous(int number) => Shown.Where(n => n < number).Select(n => (int?)n).LastOrDefault();

    /// <summary>Where the section stands among those shown ("Section 2 of 5"); a hidden section stands where it would be.</summary>
    public int Position(int number) => Shown.Count(n => n < number) + 1;

    public SectionSnapshot Section(int number) => _snapshot.Sections[number - 1];

    /// <summary>
    /// The questions of a page that are left out of it: hidden by answers given on other pages. A question whose condition
    /// looks at this page stays, for show-if.js to show and hide as the respondent answers (and the server to re-check).
    /// </summary>
    public IReadOnlySet<string> Omitted(int number)
    {
        var here = Section(number).Questions.Select(q => q.Code).ToHashSet(StringComparer.Ordinal);
        return Section(number).Questions
            .Where(q => Hidden.Contains(q.Code) && q.ShowIf is { } showIf && !References(showIf).Overlaps(here))
            .Select(q => q.Code)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The questions a condition looks at; none when it no longer reads.</summary>
    public static IReadOnlySet<string> References(string showIf)
    {
        try
        {
            return Condition.Parse(showIf).References;
        }
        catch (ConditionException)
        {
            return new HashSet<string>();
        }
    }
}
