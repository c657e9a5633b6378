namespace Consultation.Web.Email;

using System.IO.Pipelines;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;

/// <summary>
/// The SmtpServer package's listener with Nagle's algorithm off, for the servers this app runs in its own process (the
/// demo's mailbox; the tests' and benchmarks' servers). The package answers pipelined commands one small write at a
/// time, and with Nagle on each answer after the first waits for the client's delayed ACK (40 ms on Linux): every message
/// took about 45 ms instead of well under one. Real relays set TCP_NODELAY; with this, ours behaves like one. Plain TCP
/// on the loopback only: no TLS.
/// </summary>
public sealed class NoDelayListener : IEndpointListenerFactory
{
    public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        ArgumentNullException.ThrowIfNull(endpointDefinition);
        var listener = new TcpListener(endpointDefinition.Endpoint);
        listener.Start();
        return new Listener(listener);
    }

    private sealed class Listener(TcpListener listener) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            context.Properties.Add(EndpointListener.LocalEndPointKey, listener.LocalEndpoint);
            context.Properties.Add(EndpointListener.RemoteEndPointKey, client.Client.RemoteEndPoint!);
            return new Connection(client);
        }

        public void Dispose() => listener.Stop();
    }

    private sealed class Connection : ISecurableDuplexPipe
    {
        private readonly TcpClient _client;

        public Connection(TcpClient client)
        {
            _client = client;
            var stream = client.GetStream();
            Input = PipeReader.Create(stream);
            Output = PipeWriter.Create(stream);
        }

        public PipeReader Input { get; }

        public PipeWriter Output { get; }

        public bool IsSecure => false;

        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("This server offers no TLS: it listens on the loopback only.");

        public void Dispose() => _client.Dispose();
    }
}
