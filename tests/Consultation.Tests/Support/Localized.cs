namespace Consultation.Tests.Support;

using System.Globalization;
using System.Resources;

/// <summary>What the app's resources say for a key in a language, so tests assert the localized text without copying it.</summary>
public static class Localized
{
    private static readonly ResourceManager Resources = new("Consultation.Web.Resources.SharedResource", typeof(Program).Assembly);

    public static string Text(string language, string key, params object[] arguments)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var text = Resources.GetString(key, culture) ?? throw new InvalidOperationException($"No resource '{key}'.");
        if (language != "en")
            Assert.NotEqual(key, text);
        return arguments.Length == 0 ? text : string.Format(culture, text, arguments);
    }
}
