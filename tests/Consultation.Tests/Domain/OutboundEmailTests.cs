namespace Consultation.Tests.Domain;

using Consultation.Web.Domain;

public sealed class OutboundEmailTests
{
    [Theory]
    [InlineData("name@")]
    [InlineData("a b@example.org")]
    [InlineData("x@@example.org")]
    [InlineData("no-at-sign")]
    public void Queue_RefusesAnAddressAMailServerWouldNot_SoItCannotHoldTheQueue(string recipient) =>
        Assert.Throws<DomainException>(() => OutboundEmail.Queue("k", EmailKind.Receipt, recipient, "en", "s", "t", "h", false, DateTimeOffset.UtcNow));

    [Fact]
    public void FailedTransiently_BacksOffAndGivesUpAfterTheLastAttempt_KeepingAShortReason()
    {
        var now = DateTimeOffset.UtcNow;
        var email = OutboundEmail.Queue("k", EmailKind.Receipt, "a@example.org", "en", "s", "t", "h", false, now);

        email.FailedTransiently(new string('x', 5000), now);
        Assert.Equal(now.AddSeconds(30), email.NextAttemptAt);
        Assert.Equal(1000, email.LastError!.Length);
        for (var i = 1; i < OutboundEmail.MaxAttempts; i++)
            email.FailedTransiently("451", now);

        Assert.Equal(EmailStatus.Failed, email.Status);
    }
}
