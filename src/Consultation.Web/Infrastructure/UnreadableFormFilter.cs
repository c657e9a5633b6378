namespace Consultation.Web.Infrastructure;

using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

/// <summary>
/// A posted form that cannot be read (larger than the limits, or malformed) ends the request with a
/// status the status page explains. Left to model binding, it would bind nothing at all, not even the
/// route's own values, and a respondent would be told their link does not work.
/// </summary>
public sealed class UnreadableFormFilter(ILogger<UnreadableFormFilter> logger) : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        // The status page, re-executed for the same request, must not trip over the same form again.
        var reExecuted = context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        if (request.HasFormContentType && !reExecuted)
        {
            try
            {
                await request.ReadFormAsync(context.HttpContext.RequestAborted);
            }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
            {
                logger.LogInformation("A posted form could not be read: {Reason}", e.Message);
                context.Result = IsOverALimit(e)
                    ? context.HttpContext.EndWith(StatusReason.FormTooLarge)
                    : new BadRequestResult();
                return;
            }
        }
        await next();
    }

    // The form reader says which limit was exceeded only in its message ("Form value length limit … exceeded");
    // anything else (a NUL character, broken encoding) is a malformed request.
    private static bool IsOverALimit(Exception e) =>
        e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
        || (e is InvalidDataException && e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase));
}
