namespace Consultation.Web.Data;

using System.Globalization;
using Consultation.Web.Domain;
using Consultation.Web.Exports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>
/// Counts a consultation's submitted responses for the summary, reading them as a stream so that memory
/// stays bounded by the number of options, not of responses. Test responses never count.
/// </summary>
public static class SummaryQuery
{
    /// <summary>
    /// A closed question as counted: single and multiple choice and scales by option, yes/no by its two answers,
    /// a rating by its points 0–10, and each row of a matrix as a question of its own (code "{question}.{row}").
    /// Rankings, texts, numbers, dates, emails, consents and files are not counted here.
    /// </summary>
    private sealed record Countable(string Code, string Label, IReadOnlyList<(string Code, string Label)> Options, Func<AnswerSet, IReadOnlyList<string>> Choices);

    public static async Task<SummaryData> CountAsync(ConsultationDbContext db, Guid consultationId, string language, DateTimeOffset now,
        CancellationToken cancellationToken, IStringLocalizer? words = null)
    {
        var consultation = await db.Consultations.AsNoTracking().SingleAsync(c => c.Id == consultationId, cancellationToken);
        var versions = await db.QuestionnaireVersions.AsNoTracking().Where(v => v.ConsultationId == consultationId && !v.IsTest)
            .OrderBy(v => v.Number).ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            // Not published yet: nothing to count, and nothing fails.
            var title = (await ConsultationTitles.InAsync(db, [consultation], language, cancellationToken))[consultation.Id];
            return new SummaryData(title, consultation.Slug, [], consultation.OfferedLanguages, now, 0, 0, [], new Dictionary<SectorGroup, int>(), [],
                consultation.IsOffered(language) ? language : consultation.DefaultLanguage);
        }
        // The latest version names the questions and options; codes are stable across versions, so older answers count too.
        var snapshot = versions[^1].Snapshot;
        var labelLanguage = snapshot.Languages.Contains(language) ? language : snapshot.DefaultLanguage;
        var closed = Countables(snapshot, labelLanguage, words).ToList();

        var answered = closed.ToDictionary(q => q.Code, _ => new Dictionary<SectorGroup, int>());
        var chosen = closed.ToDictionary(q => q.Code, q => q.Options.ToDictionary(o => o.Code, _ => new Dictionary<SectorGroup, int>()));
        var byLanguage = new Dictionary<string, int>();
        var bySector = new Dictionary<SectorGroup, int>();
        var submitted = 0;

        var responses = db.Responses.AsNoTracking()
            .Where(r => r.ConsultationId == consultationId && r.Status == ResponseStatus.Submitted && !r.IsTest)
            .Select(r => new { r.Language, r.Sector, r.Answers })
            .AsAsyncEnumerable();
        await foreach (var response in responses.WithCancellation(cancellationToken))
        {
            submitted++;
            var sector = SectorGroups.Of(response.Sector);
            Add(byLanguage, response.Language);
            Add(bySector, sector);
            foreach (var question in closed)
            {
                var choices = question.Choices(response.Answers);
                if (choices.Count == 0)
                    continue;
                Add(answered[question.Code], sector);
                foreach (var choice in choices.Distinct())
                    if (chosen[question.Code].TryGetValue(choice, out var counts))
                        Add(counts, sector);
            }
        }
        var inProgress = await db.Responses.CountAsync(r => r.ConsultationId == consultationId && r.Status == ResponseStatus.InProgress && !r.IsTest, cancellationToken);

        var questions = closed.Select(q => new QuestionSummary(
            q.Code,
            q.Label,
            answered[q.Code].Values.Sum(),
            answered[q.Code],
            q.Options.Select(o => new OptionSummary(
                o.Code,
                o.Label,
                chosen[q.Code][o.Code].Values.Sum(),
                chosen[q.Code][o.Code])).ToList())).ToList();

        return new SummaryData(
            snapshot.Text(labelLanguage, ElementKey.Consultation, TextField.Title),
            consultation.Slug,
            versions.Select(v => v.Number).ToList(),
            snapshot.Languages,
            now,
            submitted,
            inProgress,
            byLanguage.OrderByDescending(l => l.Value).Select(l => (l.Key, l.Value)).ToList(),
            bySector,
            questions,
            labelLanguage);
    }

    private static IEnumerable<Countable> Countables(QuestionnaireSnapshot snapshot, string language, IStringLocalizer? words)
    {
        foreach (var q in snapshot.Questions)
        {
            var label = snapshot.Text(language, ElementKey.Question(q.Code), TextField.Label);
            var options = q.Options.Select(o => (o.Code, snapshot.Text(language, ElementKey.Option(q.Code, o.Code), TextField.Label))).ToList();
            switch (q.Type)
            {
                case QuestionType.SingleChoice or QuestionType.MultipleChoice or QuestionType.Scale:
                    yield return new Countable(q.Code, label, options, a => a.Choices(q.Code));
                    break;
                case QuestionType.YesNo:
                    yield return new Countable(q.Code, label,
                        [(AnswerReader.Yes, Word(words, language, "Yes")), (AnswerReader.No, Word(words, language, "No"))],
                        a => a.Text(q.Code) is { } yesNo ? [yesNo] : []);
                    break;
                case QuestionType.Rating:
                    var (lo, hi) = ((int)(q.Minimum ?? 0), (int)(q.Maximum ?? 10));
                    yield return new Countable(q.Code, label,
                        Enumerable.Range(lo, hi - lo + 1).Select(p => (p.ToString(CultureInfo.InvariantCulture), p.ToString(CultureInfo.InvariantCulture))).ToList(),
                        a => a.Number(q.Code) is { } points ? [points.ToString(CultureInfo.InvariantCulture)] : []);
                    break;
                case QuestionType.Matrix:
                    foreach (var row in q.Rows)
                        yield return new Countable($"{q.Code}.{row}",
                            $"{label} — {snapshot.Text(language, ElementKey.Row(q.Code, row), TextField.Label)}", options,
                            a => a.Row(q.Code, row) is { } cell ? [cell] : []);
                    break;
            }
        }
    }

    // A word of the interface (yes, no) in the summary's label language, where a localizer is given.
    private static string Word(IStringLocalizer? words, string language, string key)
    {
        if (words is null)
            return key;
        try
        {
            using var scope = Localization.CultureScope.WordsIn(language);
            return words[key];
        }
        catch (CultureNotFoundException)
        {
            return words[key];
        }
    }

    private static void Add<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
