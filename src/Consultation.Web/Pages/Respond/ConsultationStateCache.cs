namespace Consultation.Web.Pages.Respond;

using System.Runtime.CompilerServices;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;

/// <summary>
/// A public link's reading of its consultation (status, dates, latest version id), reused for at most
/// <see cref="MaxAge"/> by the GET of a respondent's blank page, so that a crowd opening the same link does not cost a
/// database round trip each (that round trip, not the rendering, is what a cached page costs; docs/performance.md).
/// <para>
/// Why this is safe: a page served from a reading up to a second old is the page the same person would have got a
/// second earlier. It shows nobody's data; every POST reads the consultation afresh, so no answer is ever taken after
/// a close or into a version that is no longer the latest; deadlines are compared with the clock on every request.
/// On this node a reading is dropped as soon as any consultation or questionnaire version is saved (see
/// <see cref="Invalidator"/>), so a close or a text fix shows at once; other nodes see it within <see cref="MaxAge"/>.
/// Personal links never use it: their invitation (revoked, completed, opened) is read on every request.
/// </para>
/// </summary>
public sealed class ConsultationStateCache : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    /// <summary>Consultations whose reading is kept at once (a reading holds its version, as the questionnaire cache does).</summary>
    public const int Capacity = 1_000;

    // Only to let readings leave memory: whether one is fresh enough is decided by MaxAge on the app's clock.
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private readonly MemoryCache _readings = new(new MemoryCacheOptions { SizeLimit = Capacity });

    // Every save of a consultation or version moves it on; a reading taken under an older generation is never used.
    private long _generation;

    public ConsultationStateCache(TimeProvider time)
    {
        _time = time;
        Invalidator = new SaveInterceptor(this);
    }

    /// <summary>Off to measure what it saves (Respondents:CacheLinkStates=false): every page then reads the consultation.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Registered on the app's contexts: drops every reading when a consultation or version is saved.</summary>
    public ISaveChangesInterceptor Invalidator { get; }

    /// <summary>
    /// The reading of this slug's consultation taken less than <see cref="MaxAge"/> ago and since the last save, else
    /// <paramref name="read"/>'s (kept when something was found). The value is shared: it must be untracked and never changed.
    /// </summary>
    public async Task<T?> GetAsync<T>(string slug, Func<Task<T?>> read) where T : class
    {
        var generation = Interlocked.Read(ref _generation);
        var now = _time.GetUtcNow();
        if (_readings.TryGetValue(slug, out Reading? kept) && kept!.Generation == generation && now >= kept.ReadAt && now - kept.ReadAt < MaxAge)
            return (T)kept.Value;
        // Taken before reading, so that the reading counts as old as the request, and a save meanwhile voids it.
        var value = await read();
        if (value is not null)
            _readings.Set(slug, new Reading(value, generation, now), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = KeptFor });
        return value;
    }

    /// <summary>Forgets every reading: the next page reads its consultation from the database.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _readings.Clear();
    }

    public void Dispose() => _readings.Dispose();

    private sealed record Reading(object Value, long Generation, DateTimeOffset ReadAt);

    /// <summary>Invalidates before a save that touches a consultation or a version is sent, and again once it is committed.</summary>
    private sealed class SaveInterceptor(ConsultationStateCache cache) : SaveChangesInterceptor
    {
        private static readonly ConditionalWeakTable<DbContext, object> Touching = [];

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Before(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            Before(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            After(eventData.Context);
            return result;
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            After(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override void SaveChangesFailed(DbContextErrorEventData eventData) => After(eventData.Context);

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            After(eventData.Context);
            return Task.CompletedTask;
        }

        private void Before(DbContext? context)
        {
            if (context is null)
                return;
            // Entries() detects changes first, so a property set on a tracked consultation counts.
            var touching = context.ChangeTracker.Entries().Any(e =>
                e.Entity is Consultation or QuestionnaireVersion && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
            if (!touching)
                return;
            Touching.AddOrUpdate(context, true);
            cache.Invalidate();
        }

        private void After(DbContext? context)
        {
            if (context is not null && Touching.TryGetValue(context, out _))
            {
                Touching.Remove(context);
                cache.Invalidate();
            }
        }
    }
}
