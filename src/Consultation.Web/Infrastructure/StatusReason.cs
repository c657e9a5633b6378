namespace Consultation.Web.Infrastructure;

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>Why a request ended with an error status; the status page explains it in the person's language.</summary>
public enum StatusReason { LinkNotFound, LinkRevoked, ConsultationNotOpenYet, ConsultationClosed, FormTooLarge }

public static class StatusReasonExtensions
{
    private const string ItemKey = nameof(StatusReason);

    /// <summary>Ends the request with a status code that the localized status page re-renders with this reason.</summary>
    public static IActionResult Unavailable(this PageModel page, StatusReason reason, DateTimeOffset? when = null) =>
        page.HttpContext.EndWith(reason, when);

    public static StatusCodeResult EndWith(this HttpContext context, StatusReason reason, DateTimeOffset? when = null)
    {
        context.Items[ItemKey] = reason;
        context.Items[ItemKey + ".When"] = when;
        return new StatusCodeResult(reason switch
        {
            StatusReason.LinkNotFound => StatusCodes.Status404NotFound,
            StatusReason.ConsultationNotOpenYet => StatusCodes.Status403Forbidden,
            StatusReason.FormTooLarge => StatusCodes.Status413PayloadTooLarge,
            _ => StatusCodes.Status410Gone,
        });
    }

    public static (StatusReason? Reason, DateTimeOffset? When) ReadStatusReason(this HttpContext context) =>
        (context.Items[ItemKey] as StatusReason?, context.Items[ItemKey + ".When"] as DateTimeOffset?);
}
