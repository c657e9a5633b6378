namespace Consultation.Web.Pages.Respond;

using System.Threading.RateLimiting;

/// <summary>
/// How often one network address may have a resume link emailed: the form sends mail to any address typed in, so without a
/// limit it would let anyone use the platform to flood an inbox. Five per quarter of an hour is plenty for a typo or two.
/// </summary>
public sealed class ResumeEmailLimit : IDisposable
{
    public const int PermitsPerWindow = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = PermitsPerWindow,
            Window = Window,
            QueueLimit = 0,
        }));

    /// <summary>Whether one more email may be sent for this address now (taking the permit if so).</summary>
    public bool TryTake(HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
