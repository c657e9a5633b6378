namespace Consultation.Web.Demo;

using Consultation.Web.Infrastructure;

/// <summary>Prints where the demo runs and its links, once the server listens.</summary>
public static class DemoBanner
{
    public static void Print(WebApplication app, DemoSeed demo)
    {
        // The links people are given: the public base URL when set, else the address the server listens on.
        var address = app.Services.GetRequiredService<PublicLinks>().BaseUrl;
        var lines = new List<string>
        {
            "",
            $"Consultation is running at {address}",
            $"Public link:    {address}{demo.PublicPath}",
            "Personal links (one per demo invitation):",
        };
        lines.AddRange(demo.PersonalLinks.Select(l => $"  {address}{l.Path}  ({l.Language})"));
        lines.Add($"Staff sign-in:  {address}/account/sign-in  (password: {demo.StaffPassword})");
        lines.AddRange(demo.StaffEmails.Select(e => $"  {e}"));
        lines.Add("");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
