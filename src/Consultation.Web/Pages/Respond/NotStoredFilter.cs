namespace Consultation.Web.Pages.Respond;

using Microsoft.AspNetCore.Mvc.Filters;

/// <summary>
/// Pages reached through a personal link or a resume link show one person's answers, their link and their choices: no
/// browser, shared computer or office proxy may keep a copy (<c>no-store</c>), whatever the page and its outcome.
/// </summary>
public sealed class NotStoredFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
        var route = context.RouteData.Values;
        if (route.ContainsKey("token") || route.ContainsKey("resume"))
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            context.HttpContext.Response.Headers.Pragma = "no-cache";
        }
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context) { }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context) { }
}
