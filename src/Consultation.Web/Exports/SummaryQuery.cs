using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Consultation.Web.Exports;

/// <summary>
/// Counts a consultation's submitted responses for the summary, reading them as a stream so that memory
/// stays bounded by the number of options, not of responses. Test responses never count.
/// </summary>
public static class SummaryQuery
{
    public static async Task<SummaryData> CountAsync(ConsultationDbContext db, Guid consultationId, string language, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().SingleAsync(c => c.Id == consultationId, cancellationToken);
        var versions = await db.QuestionnaireVersions.AsNoTracking().Where(v => v.ConsultationId == consultationId)
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
        var closed = snapshot.Questions.Where(q => q.Options.Count > 0).ToList();

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
                var choices = response.Answers.Choices(question.Code);
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
            snapshot.Text(labelLanguage, ElementKey.Question(q.Code), TextField.Label),
            answered[q.Code].Values.Sum(),
            answered[q.Code],
            q.Options.Select(o => new OptionSummary(
                o.Code,
                snapshot.Text(labelLanguage, ElementKey.Option(q.Code, o.Code), TextField.Label),
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

    private static void Add<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
