namespace Consultation.Web.Pages;

using System.Globalization;
using Consultation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

/// <summary>Every error status, explained in the person's language (re-executed by the status-code pages middleware).</summary>
// Re-executed for whatever method failed, POST included; it changes nothing, so it needs no antiforgery token.
[IgnoreAntiforgeryToken]
public sealed class StatusModel(IStringLocalizer<SharedResource> s) : PageModel
{
    public string Heading { get; private set; } = "";
    public string Message { get; private set; } = "";

    // No handler parameters: the code comes from the route, so a re-executed POST whose form could not
    // be read (an oversized one, say) is not read again.
    public void OnPost() => OnGet();

    public void OnGet()
    {
        var code = int.TryParse(RouteData.Values["code"] as string, out var parsed) ? parsed : StatusCodes.Status500InternalServerError;
        var (reason, when) = HttpContext.ReadStatusReason();
        var date = when?.UtcDateTime.ToString("f", CultureInfo.CurrentCulture) ?? "";
        (Heading, Message) = reason switch
        {
            StatusReason.LinkNotFound => (s["This link does not work"], s["Check that you copied the whole address from your invitation or from the consultation's announcement."]),
            StatusReason.LinkRevoked => (s["This invitation has been withdrawn"], s["The organisers have withdrawn this personal link. Contact them if you believe this is a mistake."]),
            StatusReason.ConsultationNotOpenYet => (s["This consultation is not open yet"], s["It opens on {0} (UTC). Come back then with the same link.", date]),
            StatusReason.ConsultationClosed => (s["This consultation is closed"], s["It closed on {0} (UTC) and no longer accepts answers.", date]),
            StatusReason.FormTooLarge => (s["Your answers could not be read"], s["They are longer than this service accepts. Go back, shorten your longest answers and submit them again."]),
            _ => code switch
            {
                StatusCodes.Status404NotFound => (s["Page not found"], s["If you typed the web address, check it is correct."]),
                StatusCodes.Status400BadRequest => (s["Sorry, there is a problem with your request"], s["Go back, reload the page and try again."]),
                StatusCodes.Status403Forbidden => (s["You cannot see this page"], s["Contact the organisers if you need access."]),
                StatusCodes.Status429TooManyRequests => (s["Too many attempts"], s["You have tried this too often in a short time. Wait a few minutes, then try again."]),
                _ => (s["Sorry, there is a problem with the service"], s["Try again later."]),
            },
        };
    }
}
