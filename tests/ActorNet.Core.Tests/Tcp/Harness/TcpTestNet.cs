using ActorNet.Core.Tcp;
using ActorNet.Core.Tcp.Congestion;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Tcp.Harness;

/// <summary>
/// Two endpoints joined by two <see cref="Wire"/>s: a client (port 40000) that connects, and a
/// server (port 80) that listens. Defaults: 10 ms each way, no loss, ISS 1000 / 5000.
/// </summary>
internal sealed class TcpTestNet
{
    public const ushort ClientPort = 40000, ServerPort = 80;

    public SimLoop Loop { get; } = new();
    public Wire ToServer { get; }
    public Wire ToClient { get; }
    public Endpoint Client { get; }
    public Endpoint Server { get; }
    public TcpSettings ClientSettings { get; }
    public TcpSettings ServerSettings { get; }
    private readonly Func<ICongestionControl> _cc;
    private readonly uint _clientIss;

    public TcpTestNet(TcpSettings? client = null, TcpSettings? server = null, ulong seed = 1,
        uint clientIss = 1000, uint serverIss = 5000, Func<ICongestionControl>? cc = null)
    {
        ClientSettings = client ?? TcpSettings.Default;
        ServerSettings = server ?? ClientSettings;
        _cc = cc ?? (() => new TestNewReno());
        _clientIss = clientIss;
        ToServer = new Wire(Loop, "to-server", seed);
        ToClient = new Wire(Loop, "to-client", seed);
        Client = new Endpoint(Loop, "client") { Out = ToServer };
        Server = new Endpoint(Loop, "server") { Out = ToClient };
        Client.Peer = Server;
        Server.Peer = Client;
        Server.Listener = Endpoint.ListenerFor(Server, Loop, ServerSettings, serverIss, _cc);
    }

    public TcpConnection ClientConn => Client.Conn!;
    public TcpConnection ServerConn => Server.Conn!;

    /// <summary>Both directions' delay.</summary>
    public SimTime Delay { set { ToServer.Delay = value; ToClient.Delay = value; } }

    /// <summary>Creates the client's connection and calls Connect at the current time.</summary>
    public TcpTestNet Open()
    {
        Client.Conn = new TcpConnection(ClientSettings, ClientPort, ServerPort, new SequenceNumber(_clientIss), _cc(), Client);
        ClientConn.Connect(Loop.Now);
        Client.States.Add(ClientConn.State);
        return this;
    }

    /// <summary>The client sends <paramref name="data"/> then shuts down; the server reads and closes after the FIN.</summary>
    public TcpTestNet Transfer(byte[] data, bool shutdown = true)
    {
        Client.ToSend = data;
        Client.ShutdownWhenSent = shutdown;
        return Open();
    }

    public void RunUntil(SimTime t) => Loop.RunUntil(t);
    public void RunFor(SimTime span) => Loop.RunFor(span);

    public static byte[] Pattern(int length, int seed = 7)
    {
        var b = new byte[length];
        uint x = (uint)seed * 2654435761u + 1;
        for (int i = 0; i < b.Length; i++)
        {
            x ^= x << 13; x ^= x >> 17; x ^= x << 5;
            b[i] = (byte)x;
        }
        return b;
    }
}
