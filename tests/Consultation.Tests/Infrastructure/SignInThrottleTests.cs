namespace Consultation.Tests.Infrastructure;

using System.Net;
using Consultation.Web.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

/// <summary>The throttle's counting on its own: which attempts share a count, and when a count lifts.</summary>
public sealed class SignInThrottleTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void IPv6Addresses_InOneSlash64_ShareACount_AndOtherNetworksDoNot()
    {
        var throttle = new SignInThrottle(_clock, Options.Create(new SignInThrottleOptions()));
        for (var i = 1; i <= 5; i++)
            throttle.RecordFailure("ORGANISER@EXAMPLE.ORG", IPAddress.Parse($"2001:db8:1:2::{i:x}"));

        Assert.NotNull(throttle.WaitBefore("ORGANISER@EXAMPLE.ORG", IPAddress.Parse("2001:db8:1:2:ffff::1")));
        Assert.Null(throttle.WaitBefore("ORGANISER@EXAMPLE.ORG", IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Null(throttle.WaitBefore("ANALYST@EXAMPLE.ORG", IPAddress.Parse("2001:db8:1:2::1")));
    }

    [Fact]
    public void AnIPv4AddressWrittenAsIPv6_CountsAsItself()
    {
        var throttle = new SignInThrottle(_clock, Options.Create(new SignInThrottleOptions { FailuresPerAccountAndAddress = 2 }));
        throttle.RecordFailure("A@EXAMPLE.ORG", IPAddress.Parse("203.0.113.7"));
        throttle.RecordFailure("A@EXAMPLE.ORG", IPAddress.Parse("::ffff:203.0.113.7"));

        Assert.NotNull(throttle.WaitBefore("A@EXAMPLE.ORG", IPAddress.Parse("203.0.113.7")));
    }

    [Fact]
    public void TheWait_IsUntilTheOldestCountedFailureLeavesTheWindow()
    {
        var throttle = new SignInThrottle(_clock, Options.Create(new SignInThrottleOptions { FailuresPerAccountAndAddress = 2, Window = TimeSpan.FromMinutes(10) }));
        var address = IPAddress.Parse("203.0.113.8");
        throttle.RecordFailure("A@EXAMPLE.ORG", address);
        _clock.Advance(TimeSpan.FromMinutes(4));
        throttle.RecordFailure("A@EXAMPLE.ORG", address);

        Assert.Equal(TimeSpan.FromMinutes(6), throttle.WaitBefore("A@EXAMPLE.ORG", address));
        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Null(throttle.WaitBefore("A@EXAMPLE.ORG", address));
    }
}
