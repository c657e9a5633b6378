namespace Consultation.Tests.Support;

using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Consultation.Web.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL cluster per test run, started on first use; each test takes its own empty database.
/// </summary>
public static class TestDatabase
{
    // One folder per test process, so that two test runs on the same machine do not wipe each other's cluster,
    // and one parent per user, so that a run as root does not lock other users out.
    private static readonly string RunsFolder = Path.Combine(Path.GetTempPath(), "consultation-tests-cluster-" + Environment.UserName);

    // vstest kills the test host 100 ms after the last test (microsoft/vstest#1900), often before a ProcessExit
    // handler has done its work. This detached watchdog outlives the host: once the host is gone, it sends the server
    // the signal pg_ctl -m fast sends (SIGINT), waits for the server to remove its pid file, then removes the folder.
    // Arguments: $1 test host PID, $2 server PID, $3 data folder.
    private const string Watchdog = """
        exec </dev/null >/dev/null 2>&1
        while kill -0 "$1"; do sleep 1; done
        kill -INT "$2"
        i=0
        while [ -e "$3/postmaster.pid" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
        [ -e "$3/postmaster.pid" ] || rm -rf "$3"
        """;

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
        var serverPid = File.ReadLines(Path.Combine(cluster.DataDirectory, "postmaster.pid")).First();
        using (var watchdog = Process.Start(new ProcessStartInfo("setsid")
        {
            ArgumentList = { "--fork", "sh", "-c", Watchdog, "watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), serverPid, cluster.DataDirectory },
            WorkingDirectory = "/tmp",
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }))
        {
            watchdog?.WaitForExit();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return cluster;
    }

    // Folders of test runs that have ended (their watchdog may have been killed too); a folder named after our
    // own process ID is such a leftover as well (the ID was reused). Clusters of runs still going are left alone.
    private static void RemoveClustersOfEndedRuns()
    {
        if (!Directory.Exists(RunsFolder))
            return;
        foreach (var folder in Directory.GetDirectories(RunsFolder))
        {
            var pid = int.TryParse(Path.GetFileName(folder), CultureInfo.InvariantCulture, out var id) ? id : 0;
            if (pid != Environment.ProcessId && Directory.Exists($"/proc/{pid}"))
                continue;
            try
            {
                var used = EmbeddedPostgres.StopServerLeftIn(folder);
                foreach (var path in new[] { used, folder }.Where(Directory.Exists))
                    Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
                // Its own watchdog is removing it right now.
            }
        }
    }
}
