namespace Consultation.Web.Pages.Respond;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

/// <summary>
/// Published questionnaire versions kept in memory by id, so that a respondent's page does not read and
/// deserialize the version's snapshot on every request. A version never changes once written (every change
/// is a new version with a new id), so a cached one is never stale: a page asks the database which version
/// is the latest, cheaply, and only a version it has not seen yet is read in full.
/// </summary>
public sealed class QuestionnaireCache : IDisposable
{
    /// <summary>How many versions are kept at once: far more than the consultations open at the same time.</summary>
    public const int Capacity = 500;

    // A private cache rather than the app's shared IMemoryCache: its size limit counts versions and nothing else,
    // and nobody else's entries need a size. Bounded twice: by count (a snapshot of a large questionnaire in five
    // languages is some hundreds of KB, so 500 stay well under a few hundred MB), and by a sliding expiration, so that
    // versions replaced by a newer one, or of consultations nobody opens any more, leave memory after a while.
    private readonly MemoryCache _versions = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public static readonly TimeSpan SlidingExpiration = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Off only to measure what the cache saves (Respondents:CacheQuestionnaires=false; see docs/performance.md):
    /// respondent pages then read the latest version in full on every request, as they did before it.
    /// </summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The version with this id, read from the database only the first time.</summary>
    public async Task<QuestionnaireVersion?> GetAsync(ConsultationDbContext db, Guid versionId, CancellationToken cancellationToken)
    {
        if (_versions.TryGetValue(versionId, out QuestionnaireVersion? cached))
            return cached;
        // Not tracked: the instance is shared by every request from now on and must belong to no context.
        var version = await db.QuestionnaireVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (version is null)
            return null;
        // Two requests missing at once both read it; the second simply replaces the first's equal copy.
        return _versions.Set(versionId, version, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = SlidingExpiration });
    }

    /// <summary>Whether the version is held now (for tests).</summary>
    public bool Holds(Guid versionId) => _versions.TryGetValue(versionId, out _);

    public void Dispose() => _versions.Dispose();
}
