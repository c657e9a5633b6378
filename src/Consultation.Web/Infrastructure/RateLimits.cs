namespace Consultation.Web.Infrastructure;

using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;

/// <summary>
/// The app's rate limits, each a named policy that an endpoint takes with <c>[EnableRateLimiting(name)]</c>; add another
/// beside <see cref="Uploads"/>. A refused request gets 429 with a Retry-After, and the status page explains it in the
/// person's language. Settings are read when the limiter is first used, so a test host's settings apply.
/// </summary>
public static class RateLimits
{
    /// <summary>Respondent requests that carry a file, per remote address.</summary>
    public const string Uploads = "respondent-uploads";

    /// <summary>Uploads an hour from one address; 0 turns the limit off.</summary>
    public const string UploadsPerHourSetting = "Respondents:UploadsPerHour";

    /// <summary>Generous: a whole office may answer from one address, each person uploading a paper or two, some again.</summary>
    public const int DefaultUploadsPerHour = 120;

    public static IServiceCollection AddConsultationRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
                    context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            var uploadsPerHour = configuration.GetValue(UploadsPerHourSetting, DefaultUploadsPerHour);
            options.AddPolicy(Uploads, context => UploadPartition(context, uploadsPerHour));
        });
        return services;
    }

    // A bucket of a quarter of an hour's uploads, refilled one at a time: a burst is fine, a steady stream is slowed.
    private static RateLimitPartition<string> UploadPartition(HttpContext context, int uploadsPerHour)
    {
        if (uploadsPerHour <= 0 || !CarriesAFile(context))
            return RateLimitPartition.GetNoLimiter("none");
        return RateLimitPartition.GetTokenBucketLimiter($"address:{context.Connection.RemoteIpAddress}", _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, uploadsPerHour / 4),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromHours(1) / uploadsPerHour,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>
    /// Whether the request sends a file. A respondent's form is read before routing (the posted language switch, see
    /// LanguageChoice), so its files are known here; a multipart form not read yet is counted, since only such a form can
    /// carry one. Either way the limiter answers before the page writes anything.
    /// </summary>
    private static bool CarriesAFile(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
            return false;
        if (context.Features.Get<IFormFeature>() is { Form: { } form })
            return form.Files.Any(f => f.Length > 0);
        return request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true;
    }
}
