namespace Consultation.Tests.Infrastructure;

using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using Consultation.Tests.Support;
using Consultation.Web.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

[Trait("Category", "Database")]
[SupportedOSPlatform("linux")]
public sealed class EmbeddedPostgresTests(ITestOutputHelper output) : IDisposable
{
    private readonly List<EmbeddedPostgres> _servers = [];
    private readonly List<string> _folders = [];

    [Fact]
    public void FindBinDirectory_OnThisMachine_FindsInitdbAndPgCtl()
    {
        var bin = EmbeddedPostgres.FindBinDirectory();

        Assert.NotNull(bin);
        Assert.True(File.Exists(Path.Combine(bin, "initdb")));
        Assert.True(File.Exists(Path.Combine(bin, "pg_ctl")));
    }

    [Fact]
    public void FindBinDirectory_PathEntryHasBothPrograms_PrefersItOverDebianFolders()
    {
        var root = NewFolder();
        var onPath = FakeBin(Path.Combine(root, "path-bin"), "initdb", "pg_ctl");
        FakeBin(Path.Combine(root, "debian", "15", "bin"), "initdb", "pg_ctl");
        var searchPath = string.Join(Path.PathSeparator, Path.Combine(root, "missing"), onPath);

        Assert.Equal(onPath, EmbeddedPostgres.FindBinDirectory(searchPath, Path.Combine(root, "debian")));
    }

    [Fact]
    public void FindBinDirectory_PathEntryLacksPgCtl_UsesHighestDebianVersion()
    {
        var root = NewFolder();
        var onPath = FakeBin(Path.Combine(root, "path-bin"), "initdb");
        var debian = Path.Combine(root, "debian");
        FakeBin(Path.Combine(debian, "9.6", "bin"), "initdb", "pg_ctl");
        var newest = FakeBin(Path.Combine(debian, "15", "bin"), "initdb", "pg_ctl");
        FakeBin(Path.Combine(debian, "13", "bin"), "initdb", "pg_ctl");
        FakeBin(Path.Combine(debian, "16", "bin"), "pg_ctl");

        Assert.Equal(newest, EmbeddedPostgres.FindBinDirectory(onPath, debian));
    }

    [Fact]
    public void FindBinDirectory_ProgramsNowhere_ReturnsNull()
    {
        var root = NewFolder();
        Directory.CreateDirectory(root);

        Assert.Null(EmbeddedPostgres.FindBinDirectory(root, Path.Combine(root, "no-debian")));
    }

    [Fact]
    public void Start_BinDirectoryWithoutPrograms_ThrowsPostgresNotFoundNamingTheDebianPackage()
    {
        var empty = NewFolder();
        Directory.CreateDirectory(empty);

        var error = Assert.Throws<PostgresNotFoundException>(() =>
            EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = Path.Combine(empty, "data"), BinDirectory = empty }));

        Assert.Contains("Debian package 'postgresql'", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install postgresql", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(Directory.Exists(Path.Combine(empty, "data")));
    }

    [Fact]
    public void Start_FreshFolderForTests_AcceptsQueriesInTheCreatedDatabase()
    {
        var clock = Stopwatch.StartNew();
        var server = StartIn(Path.Combine(NewFolder(), "data"));
        output.WriteLine($"initdb + start + first connection: {clock.ElapsedMilliseconds} ms");

        Assert.Equal(1, Scalar(server.ConnectionString(), "select 1"));
        Assert.Equal("consultation", Scalar(server.ConnectionString(), "select current_database()"));
        Assert.Contains($"Host=127.0.0.1;Port={server.Port};", server.ConnectionString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Password", server.ConnectionString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_AgainAfterStopWithPassword_ReusesTheDataAndThePassword()
    {
        var folder = Path.Combine(NewFolder(), "data");
        var first = StartIn(folder, forTests: false);
        Execute(first.ConnectionString(), "create table kept (id int); insert into kept values (42)");
        var password = new NpgsqlConnectionStringBuilder(first.ConnectionString()).Password;
        first.Stop();

        var clock = Stopwatch.StartNew();
        var second = StartIn(folder, forTests: false);
        output.WriteLine($"restart of an existing cluster: {clock.ElapsedMilliseconds} ms");

        Assert.Equal(42, Scalar(second.ConnectionString(), "select id from kept"));
        Assert.False(string.IsNullOrEmpty(password));
        Assert.Equal(password, new NpgsqlConnectionStringBuilder(second.ConnectionString()).Password);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(folder + ".password"));
        var withoutPassword = new NpgsqlConnectionStringBuilder(second.ConnectionString()) { Password = null, Pooling = false };
        Assert.ThrowsAny<NpgsqlException>(() => Scalar(withoutPassword.ConnectionString, "select 1"));
    }

    [Fact]
    public void Start_ServerLeftRunningByAKilledRun_StopsItAndServesFromANewServer()
    {
        var folder = Path.Combine(NewFolder(), "data");
        var abandoned = StartIn(folder);
        var abandonedPid = int.Parse(File.ReadLines(Path.Combine(folder, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

        var replacement = StartIn(folder);

        Assert.False(IsRunning(abandonedPid), "the abandoned server should have been stopped");
        Assert.NotEqual(abandoned.Port, replacement.Port);
        Assert.Equal(1, Scalar(replacement.ConnectionString(), "select 1"));
    }

    [Fact]
    public void Stop_OnAnInstanceThatWasReplaced_LeavesTheNewServerRunning()
    {
        var folder = Path.Combine(NewFolder(), "data");
        var abandoned = StartIn(folder);
        var replacement = StartIn(folder);

        abandoned.Stop();

        Assert.Equal(1, Scalar(replacement.ConnectionString(), "select 1"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Start_StalePidFile_StartsNormally(bool pidOfAnEndedProcess)
    {
        var folder = Path.Combine(NewFolder(), "data");
        var first = StartIn(folder);
        Execute(first.ConnectionString(), "create table kept (id int)");
        first.Stop();
        // The PID of a process that has ended, or of a live process that is not PostgreSQL (PID reuse).
        var pid = Environment.ProcessId;
        if (pidOfAnEndedProcess)
        {
            using var ended = Process.Start("true");
            ended.WaitForExit();
            pid = ended.Id;
        }

        File.WriteAllText(Path.Combine(folder, "postmaster.pid"), $"{pid}\n{folder}\n1700000000\n{first.Port}\n\n127.0.0.1\n  5432001  0\nready   \n");

        var second = StartIn(folder);

        Assert.Equal(0L, Scalar(second.ConnectionString(), "select count(*) from kept"));
    }

    [Fact]
    public async Task Stop_CalledTwice_StopsOnceWithoutError()
    {
        var server = StartIn(Path.Combine(NewFolder(), "data"));
        var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString()) { Pooling = false }.ConnectionString;

        server.Stop();
        server.Stop();
        server.Dispose();
        await server.DisposeAsync();

        Assert.ThrowsAny<NpgsqlException>(() => Scalar(connectionString, "select 1"));
        Assert.False(File.Exists(Path.Combine(server.DataDirectory, "postmaster.pid")));
    }

    [Fact]
    public void Start_AsRootInAFolderPostgresCannotReach_UsesAFallbackFolderItCan()
    {
        if (Environment.UserName != "root")
        {
            return; // Only root switches to the 'postgres' account.
        }

        var closed = NewFolder();
        Directory.CreateDirectory(closed, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var requested = Path.Combine(closed, "data");

        var server = StartIn(requested);
        _folders.Add(server.DataDirectory);

        Assert.StartsWith("/var/tmp/consultation-postgres/", server.DataDirectory, StringComparison.Ordinal);
        Assert.Equal(1, Scalar(server.ConnectionString(), "select 1"));
    }

    [Fact]
    public void CreateDatabase_CalledTwice_ReturnsTwoDistinctEmptyDatabases()
    {
        var first = TestDatabase.CreateDatabase("orders");
        var second = TestDatabase.CreateDatabase("orders");

        var firstName = new NpgsqlConnectionStringBuilder(first).Database!;
        Assert.NotEqual(firstName, new NpgsqlConnectionStringBuilder(second).Database);
        Assert.Matches("^t_orders_[0-9a-f]{8}$", firstName);
        Assert.Equal(firstName, Scalar(first, "select current_database()"));
        Assert.Equal(0L, Scalar(second, "select count(*) from pg_tables where schemaname = 'public'"));
    }

    [Fact]
    public void CreateDatabase_LongPrefixWithOddCharacters_GivesAShortLowerCaseName()
    {
        var connectionString = TestDatabase.CreateDatabase(new string('É', 10) + "Survey Results/" + new string('x', 80));

        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        Assert.Matches("^t_[a-z0-9_]+_[0-9a-f]{8}$", name);
        Assert.True(name.Length <= 63, name);
        Assert.Equal(name, Scalar(connectionString, "select current_database()"));
    }

    public void Dispose()
    {
        foreach (var server in _servers)
        {
            server.Stop();
        }

        foreach (var folder in _folders)
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            File.Delete(folder + ".password");
        }

        NpgsqlConnection.ClearAllPools();
    }

    private EmbeddedPostgres StartIn(string folder, bool forTests = true)
    {
        var server = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = folder, ForTests = forTests });
        _servers.Add(server);
        return server;
    }

    private string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "consultation-pg-test-" + Guid.NewGuid().ToString("N")[..8]);
        _folders.Add(folder);
        return folder;
    }

    private static string FakeBin(string folder, params string[] programs)
    {
        Directory.CreateDirectory(folder);
        foreach (var program in programs)
        {
            File.WriteAllText(Path.Combine(folder, program), "#!/bin/sh\nexit 1\n");
        }

        return folder;
    }

    private static object? Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    // An ended process whose parent has not reaped it yet still has a /proc entry, in state Z.
    private static bool IsRunning(int pid)
    {
        var stat = Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture), "stat");
        return File.Exists(stat) && File.ReadAllText(stat).Split(')')[^1].Trim()[0] != 'Z';
    }

    private static void Execute(string connectionString, string sql) => Scalar(connectionString, sql);
}
