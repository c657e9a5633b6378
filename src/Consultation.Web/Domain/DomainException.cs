namespace Consultation.Web.Domain;

/// <summary>A rule of the domain was broken; the message names the rule in English for logs and tests.</summary>
public sealed class DomainException(string message) : Exception(message);
