namespace Consultation.Web.Domain;

/// <summary>Times as organisers think of them (a local date and time in a named time zone) and as they are stored (UTC).</summary>
public static class ZonedTime
{
    /// <summary>The time zones offered: IANA names, UTC first.</summary>
    public static IReadOnlyList<string> TimeZones { get; } =
        ["UTC", .. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    public static TimeZoneInfo? Find(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    /// <summary>A local time skipped by a daylight-saving change does not exist; it is refused rather than guessed.</summary>
    public static bool IsSkipped(DateTime? local, TimeZoneInfo zone) =>
        local is { } value && zone.IsInvalidTime(DateTime.SpecifyKind(value, DateTimeKind.Unspecified));

    public static DateTimeOffset? ToUtc(DateTime? local, TimeZoneInfo zone) => local is { } value
        ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), zone.GetUtcOffset(value)).ToUniversalTime()
        : null;

    public static DateTime? ToLocal(DateTimeOffset? utc, TimeZoneInfo zone) =>
        utc is { } value ? TimeZoneInfo.ConvertTime(value, zone).DateTime : null;
}
