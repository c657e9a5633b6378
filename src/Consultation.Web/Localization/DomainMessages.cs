namespace Consultation.Web.Localization;

using Consultation.Web.Domain;
using Microsoft.Extensions.Localization;

public static class DomainMessages
{
    /// <summary>A refusal of the domain in the reader's language: its template is a key of the UI resources.</summary>
    public static string Explain(this IStringLocalizer s, DomainException refusal) => s[refusal.Template, refusal.Arguments];
}
