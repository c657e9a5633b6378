namespace Consultation.Web.Infrastructure;

using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

/// <summary>How many failed password checks are allowed in a window (configuration section <c>SignIn:Throttle</c>).</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "SignIn:Throttle";

    /// <summary>Failures for one account from one address: a person mistyping, not someone guessing.</summary>
    public int FailuresPerAccountAndAddress { get; set; } = 5;

    /// <summary>Failures from one address, whatever the accounts: an office behind one address still gets plenty.</summary>
    public int FailuresPerAddress { get; set; } = 50;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Slows password guessing without letting anyone lock an account: failures are counted per (account, address) and per
/// address, never per account alone, so guesses from one machine never stop the owner signing in from another.
/// Counts are kept in this process's memory (several nodes each allow the limits), which costs nothing per attempt
/// and needs no table; a restart forgets them.
/// </summary>
public sealed class SignInThrottle(TimeProvider time, IOptions<SignInThrottleOptions> options)
{
    private readonly SignInThrottleOptions _options = options.Value;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>How long this account must wait before trying from this address, or null when it may try now.</summary>
    public TimeSpan? WaitBefore(string normalizedAccount, IPAddress? address)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var wait = Max(Wait(PairKey(normalizedAccount, address), _options.FailuresPerAccountAndAddress, now),
                Wait(AddressKey(address), _options.FailuresPerAddress, now));
            return wait;
        }
    }

    public void RecordFailure(string normalizedAccount, IPAddress? address)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            SweepIfDue(now);
            foreach (var key in new[] { PairKey(normalizedAccount, address), AddressKey(address) })
            {
                if (!_failures.TryGetValue(key, out var times))
                    _failures[key] = times = new Queue<DateTimeOffset>();
                times.Enqueue(now);
            }
        }
    }

    /// <summary>The right password from this address: its earlier mistakes for this account are forgiven (the address's are not).</summary>
    public void Forgive(string normalizedAccount, IPAddress? address)
    {
        lock (_lock)
            _failures.Remove(PairKey(normalizedAccount, address));
    }

    private TimeSpan? Wait(string key, int limit, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var times))
            return null;
        Expire(times, now);
        if (times.Count < limit)
            return null;
        // Allowed again once enough of the failures have left the window.
        return times.ElementAt(times.Count - limit) + _options.Window - now;
    }

    private void Expire(Queue<DateTimeOffset> times, DateTimeOffset now)
    {
        while (times.Count > 0 && times.Peek() <= now - _options.Window)
            times.Dequeue();
    }

    /// <summary>Keeps memory to one window's failures, however many addresses they came from.</summary>
    private void SweepIfDue(DateTimeOffset now)
    {
        if (now < _nextSweep)
            return;
        _nextSweep = now + _options.Window;
        foreach (var (key, times) in _failures.ToList())
        {
            Expire(times, now);
            if (times.Count == 0)
                _failures.Remove(key);
        }
    }

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static string PairKey(string normalizedAccount, IPAddress? address) => $"{AddressKey(address)} {normalizedAccount}";

    /// <summary>An IPv6 address counts by its /64 network: one machine usually holds a whole /64.</summary>
    private static string AddressKey(IPAddress? address)
    {
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
