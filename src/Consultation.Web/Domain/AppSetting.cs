namespace Consultation.Web.Domain;

/// <summary>A value the app generates once and keeps, such as the demo's secret.</summary>
public sealed class AppSetting(string name, string value)
{
    public string Name { get; private set; } = name;
    public string Value { get; private set; } = value;
}
