// The namespace is the assembly's root on purpose: the resource manager finds
// locales/SharedResource*.resx (embedded as Resources/SharedResource*.resx) by this type's name.

namespace Consultation.Web;

/// <summary>The one resource that holds every UI string; keys are the English text.</summary>
public sealed class SharedResource;
