using System.Globalization;
using System.Security.Cryptography;
using Consultation.Web.Infrastructure;

namespace Consultation.Tests.Support;

/// <summary>
/// One throwaway PostgreSQL cluster per test run, started on first use; each test takes its own empty database.
/// </summary>
public static class TestDatabase
{
    // One folder per test process, so that two test runs on the same machine do not wipe each other's cluster.
    private static readonly string RunsFolder = Path.Combine(Path.GetTempPath(), "consultation-tests-cluster");

    private static readonly Lazy<EmbeddedPostgres> LazyCluster = new(StartCluster, LazyThreadSafetyMode.ExecutionAndPublication);

    public static EmbeddedPostgres Cluster => LazyCluster.Value;

    /// <summary>Creates a new, empty, uniquely named database (t_&lt;prefix&gt;_&lt;8 hex&gt;) and returns its connection string.</summary>
    public static string CreateDatabase(string? namePrefix = null)
    {
        // PostgreSQL folds unquoted names to lower case and cuts them at 63 bytes: keep names plain and short.
        var prefix = new string((namePrefix ?? "").Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').Take(50).ToArray());
        var suffix = RandomNumberGenerator.GetHexString(8, lowercase: true);
        var name = prefix.Length == 0 ? $"t_{suffix}" : $"t_{prefix}_{suffix}";
        Cluster.CreateDatabaseIfMissing(name);
        return Cluster.ConnectionString(name);
    }

    private static EmbeddedPostgres StartCluster()
    {
        RemoveClustersOfEndedRuns();
        var folder = Path.Combine(RunsFolder, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var cluster = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = folder, ForTests = true });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            cluster.Stop();
            Directory.Delete(cluster.DataDirectory, recursive: true);
        };
        return cluster;
    }

    // A killed test host leaves its server running and its folder behind; a folder named after our own
    // process ID is such a leftover too (the ID was reused). Clusters of test runs still going are left alone.
    private static void RemoveClustersOfEndedRuns()
    {
        if (!Directory.Exists(RunsFolder))
        {
            return;
        }

        foreach (var folder in Directory.GetDirectories(RunsFolder))
        {
            var pid = int.TryParse(Path.GetFileName(folder), CultureInfo.InvariantCulture, out var id) ? id : 0;
            if (pid == Environment.ProcessId || !Directory.Exists($"/proc/{pid}"))
            {
                EmbeddedPostgres.StopServerLeftIn(folder);
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
