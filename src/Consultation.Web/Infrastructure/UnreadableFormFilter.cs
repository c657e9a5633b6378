using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Consultation.Web.Infrastructure;

/// <summary>
/// A posted form that cannot be read (larger than the limits, or malformed) ends the request with a
/// status the status page explains. Left to model binding, it would bind nothing at all, not even the
/// route's own values, and a respondent would be told their link does not work.
/// </summary>
public sealed class UnreadableFormFilter : IAsyncResourceFilter
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
                context.Result = e is BadHttpRequestException { StatusCode: not StatusCodes.Status413PayloadTooLarge }
                    ? new BadRequestResult()
                    : context.HttpContext.EndWith(StatusReason.FormTooLarge);
                return;
            }
        }
        await next();
    }
}
