namespace Consultation.Benchmarks;

/// <summary>Where the web app's sources are, for the apps the benchmarks start (its content root: views, locales, wwwroot).</summary>
internal static class WebProject
{
    public static string Folder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var web = Path.Combine(folder.FullName, "src", "Consultation.Web");
            if (Directory.Exists(web))
                return web;
        }
        throw new DirectoryNotFoundException("src/Consultation.Web was not found above " + AppContext.BaseDirectory);
    }
}
