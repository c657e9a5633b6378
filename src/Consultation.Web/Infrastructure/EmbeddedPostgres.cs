namespace Consultation.Web.Infrastructure;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

/// <summary>Where and how <see cref="EmbeddedPostgres"/> runs its cluster.</summary>
public sealed record EmbeddedPostgresOptions
{
    /// <summary>The cluster's folder, for example "&lt;contentRoot&gt;/.data/postgres"; created if missing.</summary>
    public required string DataDirectory { get; init; }
    /// <summary>The folder holding initdb and pg_ctl; null searches PATH, then /usr/lib/postgresql/*/bin.</summary>
    public string? BinDirectory { get; init; }
    /// <summary>A fast throwaway cluster: trust authentication, nothing flushed to disk.</summary>
    public bool ForTests { get; init; }
    /// <summary>The database created after start when missing.</summary>
    public string Database { get; init; } = "consultation";
}

/// <summary>PostgreSQL's server programs are not installed.</summary>
public sealed class PostgresNotFoundException : Exception
{
    public PostgresNotFoundException()
        : base("PostgreSQL's server programs (initdb, pg_ctl) were not found: install the Debian package 'postgresql' "
            + "(apt-get install postgresql), or set ConnectionStrings__Consultation to use an existing server.") { }

    public PostgresNotFoundException(string message) : base(message) { }

    public PostgresNotFoundException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>
/// A private PostgreSQL cluster run from the installed server programs, so that the app and its tests need no
/// database administrator: the first start runs initdb, later starts reuse the data. Linux only.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable, IDisposable
{
    private const string Superuser = "consultation";
    private const string ServerAccount = "postgres";
    private const string FallbackRoot = "/var/tmp/consultation-postgres";

    private readonly string _bin;
    private readonly ILogger? _logger;
    private string _database = "consultation";
    private string? _password;
    private string? _serverPid;
    private int _stopped;

    private EmbeddedPostgres(string bin, string dataDirectory, ILogger? logger) =>
        (_bin, DataDirectory, _logger) = (bin, dataDirectory, logger);

    public int Port { get; private set; }

    /// <summary>The folder in use: the one asked for, or a fallback that the server account can reach.</summary>
    public string DataDirectory { get; }

    // initdb refuses to run as root, so as root every server program runs as Debian's 'postgres' account.
    private static bool IsRoot => Environment.UserName == "root";

    private string PidFile => Path.Combine(DataDirectory, "postmaster.pid");

    private string LogFile => Path.Combine(DataDirectory, "server.log");

    public static EmbeddedPostgres Start(EmbeddedPostgresOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bin = options.BinDirectory ?? FindBinDirectory();
        if (bin is null || !HasServerPrograms(bin))
            throw new PostgresNotFoundException();
        var directory = ReachableDataDirectory(Path.GetFullPath(options.DataDirectory), logger);
        var server = new EmbeddedPostgres(bin, directory, logger) { _database = options.Database };
        try
        {
            server.Boot(options.ForTests);
            return server;
        }
        catch
        {
            server.Stop();
            throw;
        }
    }

    /// <summary>A folder on PATH holding both initdb and pg_ctl, else Debian's newest /usr/lib/postgresql/*/bin.</summary>
    public static string? FindBinDirectory() => FindBinDirectory(Environment.GetEnvironmentVariable("PATH"), "/usr/lib/postgresql");

    internal static string? FindBinDirectory(string? searchPath, string debianRoot)
    {
        var debian = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .OrderByDescending(d => double.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var version) ? version : 0)
                .Select(d => Path.Combine(d, "bin"))
            : [];
        return (searchPath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(debian).FirstOrDefault(HasServerPrograms);
    }

    /// <summary>Host=127.0.0.1;Port=…;Username=…;Password=… (when the cluster has one);Database=….</summary>
    public string ConnectionString(string? database = null) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Password = _password,
        Database = database ?? _database,
    }.ConnectionString;

    public void CreateDatabaseIfMissing(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var connection = new NpgsqlConnection(AdminConnectionString());
        connection.Open();
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = name } } };
        if (exists.ExecuteScalar() is not null)
            return;
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        try
        {
            create.ExecuteNonQuery();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Someone else created it meanwhile, which is all we wanted.
        }
    }

    /// <summary>Stops the server (pg_ctl -m fast); safe to call more than once.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        // A later instance may have replaced our server in the same folder; leave that one alone.
        if (_serverPid is null || ReadPidFile().FirstOrDefault() != _serverPid)
            return;
        var result = RunServerProgram("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop");
        if (result.ExitCode != 0)
            _logger?.LogWarning("pg_ctl stop failed for {Directory}: {Output}", DataDirectory, result.Output.Trim());
    }

    public void Dispose() => Stop();

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    /// <summary>Stops a server that a killed process left in the folder (test clean-up); returns the folder in use.</summary>
    internal static string StopServerLeftIn(string dataDirectory)
    {
        var bin = FindBinDirectory() ?? throw new PostgresNotFoundException();
        using var server = new EmbeddedPostgres(bin, ReachableDataDirectory(Path.GetFullPath(dataDirectory), null), null);
        if (Directory.Exists(server.DataDirectory))
            server.StopLeftover();
        return server.DataDirectory;
    }

    private void Boot(bool forTests)
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("The embedded PostgreSQL runs on Linux; elsewhere, set ConnectionStrings__Consultation.");
        Directory.CreateDirectory(DataDirectory);
        StopLeftover();
        var passwordFile = DataDirectory + ".password";
        _password = File.Exists(passwordFile) ? File.ReadAllText(passwordFile).Trim() : null;
        var fresh = !File.Exists(Path.Combine(DataDirectory, "PG_VERSION"));
        if (fresh && !forTests && _password is null)
        {
            _password = RandomNumberGenerator.GetHexString(32, lowercase: true);
            using var file = new FileStream(passwordFile, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            file.Write(Encoding.ASCII.GetBytes(_password));
        }

        // As root, the server account owns the cluster, and initdb reads the password file as that account too.
        if (IsRoot)
            Check(Exec("chown", ["-R", $"{ServerAccount}:{ServerAccount}", DataDirectory, .. File.Exists(passwordFile) ? [passwordFile] : Array.Empty<string>()]), "chown");
        if (fresh)
        {
            _logger?.LogInformation("Creating a PostgreSQL cluster in {Directory}.", DataDirectory);
            Check(RunServerProgram("initdb", ["-D", DataDirectory, "-U", Superuser, "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions",
                .. forTests ? ["--auth=trust", "--no-sync"] : new[] { "--auth=scram-sha-256", "--pwfile=" + passwordFile }]), "initdb");
        }

        StartServer(forTests);
        WaitForConnection();
        CreateDatabaseIfMissing(_database);
    }

    // A killed run leaves its server running, or at least its postmaster.pid. A postmaster's working directory is its
    // data directory, so a live process whose own pid file matches ours is our leftover server: stop it. Anything else
    // (a PID that has ended, or been reused by another process) is a stale file that could block the start: remove it.
    private void StopLeftover()
    {
        var head = ReadPidFile();
        if (head.Length == 0)
            return;
        if (int.TryParse(head[0], CultureInfo.InvariantCulture, out var pid) && ReadPidFile($"/proc/{pid}/cwd/postmaster.pid").SequenceEqual(head))
        {
            _logger?.LogWarning("Stopping a PostgreSQL server that an earlier run left in {Directory}.", DataDirectory);
            Check(RunServerProgram("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop"), "pg_ctl stop");
        }
        else
        {
            File.Delete(PidFile);
        }
    }

    private void StartServer(bool forTests)
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = LoopbackPort.Free();
            // TCP on loopback only: a Unix socket needs a folder the server account may write, and a short path.
            var settings = $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories=''"
                // Tests run many hosts at once (each with its pool, some with a job server): PostgreSQL's 100 connections ran out.
                + (forTests ? " -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=300" : "");
            var result = RunServerProgram("pg_ctl", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", settings, "start");
            if (result.ExitCode == 0)
                break;
            // Another process may take the free port between our probe and the server's bind.
            if (attempt == 3 || !LogTail().Contains("already in use", StringComparison.Ordinal))
                throw new InvalidOperationException($"PostgreSQL did not start in {DataDirectory}: {result.Output.Trim()}\nServer log:\n{LogTail()}");
        }

        _serverPid = ReadPidFile().FirstOrDefault();
        _logger?.LogInformation("PostgreSQL is running on 127.0.0.1:{Port} with data in {Directory}.", Port, DataDirectory);
    }

    // pg_ctl -w has already waited for "ready"; a real connection also proves that signing in works.
    private void WaitForConnection()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var connection = new NpgsqlConnection(AdminConnectionString());
                connection.Open();
                return;
            }
            catch (PostgresException e) when (e.SqlState.StartsWith("28", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"PostgreSQL in {DataDirectory} refused the sign-in: {DataDirectory}.password is missing or does not match the cluster.", e);
            }
            catch (NpgsqlException e) when (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"PostgreSQL started but accepted no connection on port {Port} within 30 seconds.\nServer log:\n{LogTail()}", e);
            }
            catch (NpgsqlException)
            {
                Thread.Sleep(100);
            }
        }
    }

    // As root, the 'postgres' account must be able to traverse every parent folder. A checkout under /root is closed
    // to it, so such a cluster lives under /var/tmp instead, in a folder named after the requested path.
    private static string ReachableDataDirectory(string requested, ILogger? logger)
    {
        var parent = Path.GetDirectoryName(requested) ?? "/";
        Directory.CreateDirectory(parent);
        if (!IsRoot || Exec("runuser", ["-u", ServerAccount, "--", "test", "-x", parent]).ExitCode == 0)
            return requested;
        Directory.CreateDirectory(FallbackRoot);
        var fallback = Path.Combine(FallbackRoot, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(requested)))[..12]);
        logger?.LogWarning("The '{Account}' account cannot reach {Requested}, so the database lives in {Fallback}.", ServerAccount, requested, fallback);
        return fallback;
    }

    private string AdminConnectionString() =>
        new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false, Timeout = 5 }.ConnectionString;

    // Lines 1-3 of a pid file: postmaster PID, data directory, start time; enough to tell one server from another.
    private string[] ReadPidFile(string? path = null) => TryRead(() => File.ReadLines(path ?? PidFile).Take(3).ToArray(), []);

    private string LogTail() => TryRead(() =>
    {
        using var reader = new StreamReader(new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        return string.Join('\n', reader.ReadToEnd().TrimEnd().Split('\n').TakeLast(20));
    }, "(no server log)");

    private static T TryRead<T>(Func<T> read, T otherwise)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return otherwise;
        }
    }

    private static bool HasServerPrograms(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl"));


    private (int ExitCode, string Output) RunServerProgram(string name, params IEnumerable<string> arguments) => IsRoot
        ? Exec("runuser", ["-u", ServerAccount, "--", Path.Combine(_bin, name), .. arguments])
        : Exec(Path.Combine(_bin, name), arguments);

    private static (int ExitCode, string Output) Exec(string fileName, IEnumerable<string> arguments)
    {
        // The server inherits this working directory, and its account must be able to enter it.
        var info = new ProcessStartInfo(fileName) { WorkingDirectory = "/tmp", RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not run {fileName}.");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + errors.GetAwaiter().GetResult());
    }

    private static void Check((int ExitCode, string Output) result, string what)
    {
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{what} failed (exit code {result.ExitCode}): {result.Output.Trim()}");
    }
}
