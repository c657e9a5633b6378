namespace Consultation.Tests.Support;

using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MimeKit;

/// <summary>
/// A real IMAP server for one test: a private Dovecot (Debian's dovecot-imapd, which test.sh installs) on a free loopback
/// port, with its configuration and mail in a folder of its own, one user whose password is <see cref="Password"/>, and
/// plain-text logins (loopback only). A detached watchdog stops it if the test host dies first.
/// </summary>
public sealed class TestImapServer : IAsyncDisposable
{
    public const string User = "bounces";
    public const string Password = "imap-test-password";

    private const string Dovecot = "/usr/sbin/dovecot";

    // Arguments: $1 test host PID, $2 configuration, $3 folder. Dovecot runs in the foreground as this shell's child; the
    // shell waits while both the host and Dovecot live, then stops Dovecot and removes the folder.
    private const string Watchdog = """
        exec </dev/null >/dev/null 2>&1
        /usr/sbin/dovecot -F -c "$2" &
        d=$!
        while kill -0 "$1" && kill -0 "$d"; do sleep 1; done
        kill -TERM "$d"
        wait "$d"
        rm -rf "$3"
        """;

    private readonly string _folder;
    private readonly string _configuration;

    private TestImapServer(string folder, string configuration, int port)
    {
        _folder = folder;
        _configuration = configuration;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The settings that point the app's bounce reader at this server's INBOX.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Email:Bounces:Imap:Host"] = "127.0.0.1",
        ["Email:Bounces:Imap:Port"] = Port.ToString(CultureInfo.InvariantCulture),
        ["Email:Bounces:Imap:Security"] = "None",
        ["Email:Bounces:Imap:Username"] = User,
        ["Email:Bounces:Imap:Password"] = Password,
    };

    public static async Task<TestImapServer> StartAsync()
    {
        if (!File.Exists(Dovecot))
            throw new InvalidOperationException($"{Dovecot} is missing: install dovecot-imapd (test.sh does).");
        var folder = Path.Combine(Path.GetTempPath(), $"consultation-tests-imap-{Guid.NewGuid():N}");
        var home = Path.Combine(folder, "home");
        Directory.CreateDirectory(Path.Combine(folder, "run"));
        Directory.CreateDirectory(home);
        var port = Consultation.Web.Infrastructure.LoopbackPort.Free();
        var configuration = Path.Combine(folder, "dovecot.conf");
        await File.WriteAllTextAsync(configuration, Configuration(folder, home, port));
        using (var watchdog = Process.Start(new ProcessStartInfo("setsid")
        {
            ArgumentList = { "--fork", "sh", "-c", Watchdog, "watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), configuration, folder },
            WorkingDirectory = "/tmp",
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }))
        {
            await watchdog!.WaitForExitAsync();
        }
        var server = new TestImapServer(folder, configuration, port);
        await server.WaitUntilListeningAsync();
        return server;
    }

    /// <summary>Puts <paramref name="message"/> in the INBOX, unseen, as the mail server behind the bounce address would.</summary>
    public async Task DeliverAsync(MimeMessage message)
    {
        using var client = await ConnectAsync();
        await client.Inbox.AppendAsync(message, MessageFlags.None);
        await client.DisconnectAsync(quit: true);
    }

    /// <summary>How many messages the INBOX holds, and how many of them are still unseen.</summary>
    public async Task<(int All, int Unseen)> CountAsync()
    {
        using var client = await ConnectAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var unseen = await client.Inbox.SearchAsync(SearchQuery.NotSeen);
        var all = client.Inbox.Count;
        await client.DisconnectAsync(quit: true);
        return (all, unseen.Count);
    }

    public async ValueTask DisposeAsync()
    {
        // Dovecot's own stop, through the pid file in its folder; the watchdog then removes the folder.
        using var stop = Process.Start(new ProcessStartInfo(Dovecot) { ArgumentList = { "-c", _configuration, "stop" }, RedirectStandardError = true });
        if (stop is not null)
            await stop.WaitForExitAsync();
    }

    private async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", Port, MailKit.Security.SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        return client;
    }

    private async Task WaitUntilListeningAsync()
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(100);
            }
            catch (SocketException e)
            {
                var log = Path.Combine(_folder, "dovecot.log");
                throw new InvalidOperationException($"Dovecot did not start: {(File.Exists(log) ? await File.ReadAllTextAsync(log) : e.Message)}", e);
            }
        }
    }

    /// <summary>
    /// One user, any name, one password; mail in a maildir under the folder. As root, the mail belongs to nobody (Dovecot
    /// refuses root for mail); otherwise everything runs as the current user.
    /// </summary>
    private static string Configuration(string folder, string home, int port)
    {
        var root = Environment.UserName == "root";
        // The mail user (nobody) writes its maildir under home.
        if (root && !OperatingSystem.IsWindows())
            File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
                | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute
                | UnixFileMode.StickyBit);
        var ids = root ? "uid=65534 gid=65534" : $"uid={Id("-u")} gid={Id("-g")}";
        var asUser = root ? "" : $"""
            default_internal_user = {Environment.UserName}
            default_internal_group = {Id("-gn")}
            default_login_user = {Environment.UserName}
            """;
        return $$"""
            base_dir = {{folder}}/run
            state_dir = {{folder}}/state
            log_path = {{folder}}/dovecot.log
            {{asUser}}
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            first_valid_uid = 1
            passdb {
              driver = static
              args = password={{Password}}
            }
            userdb {
              driver = static
              args = {{ids}} home={{home}}/%u
            }
            mail_location = maildir:~/Maildir
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = {{port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service anvil {
              chroot =
            }
            """;
    }

    private static string Id(string what)
    {
        using var id = Process.Start(new ProcessStartInfo("id") { ArgumentList = { what }, RedirectStandardOutput = true })!;
        var value = id.StandardOutput.ReadToEnd().Trim();
        id.WaitForExit();
        return value;
    }
}
