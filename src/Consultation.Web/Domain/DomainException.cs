using System.Globalization;

namespace Consultation.Web.Domain;

/// <summary>
/// A rule of the domain was broken. The message template is English and is also the key of its
/// translations in the UI resources, so a page can show the refusal in the reader's language:
/// <c>S[e.Template, e.Arguments]</c>.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string template, params object[] arguments)
        : base(arguments.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, arguments))
    {
        Template = template;
        Arguments = arguments;
    }

    public string Template { get; }

    public object[] Arguments { get; }
}
