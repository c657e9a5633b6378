namespace Consultation.Web.Domain;

/// <summary>How long the texts organisers write may be.</summary>
public static class ContentLimits
{
    /// <summary>Titles, labels, options and other one-line texts.</summary>
    public const int Title = 300;

    /// <summary>Landing, privacy notice, thank-you, help and other long texts.</summary>
    public const int LongText = 20_000;

    /// <summary>The limit of a field: titles and labels are one line, everything else a long text.</summary>
    public static int For(TextField field) => field is TextField.Title or TextField.Label ? Title : LongText;
}
