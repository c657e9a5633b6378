namespace Consultation.Tests.Support;

public static class RepositoryRoot
{
    /// <summary>The checkout's root folder (the one holding Consultation.sln), found from the test binaries.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Consultation.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Consultation.sln not found above the test binaries.");
    }
}
