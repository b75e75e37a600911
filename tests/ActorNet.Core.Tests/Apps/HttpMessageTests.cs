using System.Text;
using ActorNet.Core.Addressing;
using ActorNet.Core.Apps;
using ActorNet.Core.Packets;
using ActorNet.Core.Randomness;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Sockets;
using ActorNet.Core.Tcp;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tests.Apps;

/// <summary>The HTTP/1.1 messages of http-client and http-server (RFC 9112), and the client reading a response however TCP splits it.</summary>
public class HttpMessageTests
{
    private static string Ascii(byte[] b) => Encoding.ASCII.GetString(b);

    [Fact]
    public void The_request_is_an_http11_get_with_host_and_connection_close()
    {
        Assert.Equal("GET /102400 HTTP/1.1\r\nHost: 10.0.3.2\r\nConnection: close\r\n\r\n", Ascii(HttpRequest.For(102_400, IpAddress.Parse("10.0.3.2"), 80)));
        // RFC 9110 §7.2 / RFC 3986 §3.2.2: an IPv6 literal in brackets; a port other than the default is said.
        Assert.Equal("GET /0 HTTP/1.1\r\nHost: [2001:db8::2]:8080\r\nConnection: close\r\n\r\n", Ascii(HttpRequest.For(0, IpAddress.Parse("2001:db8::2"), 8080)));
    }

    [Fact]
    public void The_server_reads_the_size_from_a_request_head_with_a_host()
    {
        Assert.Equal(102_400, HttpRequest.Parse("GET /102400 HTTP/1.1\r\nHost: 10.0.3.2\r\nConnection: close"));
        Assert.Equal(5, HttpRequest.Parse("GET /5 HTTP/1.1\r\nhost:x"));   // field names are case-insensitive, OWS optional
    }

    [Theory]
    [InlineData("GET /5 HTTP/1.1")]                         // no Host (RFC 9112 §3.2)
    [InlineData("GET /5 HTTP/1.0\r\nHost: x")]             // not HTTP/1.1
    [InlineData("POST /5 HTTP/1.1\r\nHost: x")]
    [InlineData("GET /five HTTP/1.1\r\nHost: x")]
    [InlineData("GET /-5 HTTP/1.1\r\nHost: x")]
    [InlineData("GET /5 HTTP/1.1\r\nHost : x")]            // whitespace before the colon (RFC 9112 §5.1)
    [InlineData("GET /5 HTTP/1.1\r\nHost: a\r\nHost: b")]  // two different hosts
    public void The_server_refuses_what_is_not_such_a_request(string head) =>
        Assert.Throws<FormatException>(() => HttpRequest.Parse(head));

    [Fact]
    public void The_response_head_has_a_status_line_content_length_and_a_blank_line()
    {
        // 17 + 40 + 24 + 19 + 2 = 102 B: the bytes each response adds to its body.
        var head = HttpResponse.Head(102_400);
        Assert.Equal("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 102400\r\nConnection: close\r\n\r\n", Ascii(head));
        Assert.Equal(102, head.Length);
        Assert.Equal((200, 102_400L), HttpResponse.Parse(Ascii(head)[..^4]));
    }

    [Theory]
    [InlineData("HTTP/1.1 404 Not Found\r\nContent-Length: 0", 404, 0)]
    [InlineData("HTTP/1.1 200\r\ncontent-length:  7 ", 200, 7)]   // an empty reason phrase is allowed (RFC 9112 §4)
    public void The_client_reads_status_and_content_length(string head, int status, long length) =>
        Assert.Equal((status, length), HttpResponse.Parse(head));

    [Theory]
    [InlineData("HTTP/1.1 200 OK")]                                    // no Content-Length
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 1")]
    [InlineData("HTTP/1.1 2000 OK\r\nContent-Length: 1")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 1, 2")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2")]
    [InlineData("garbage")]
    public void The_client_refuses_what_is_not_such_a_response(string head) =>
        Assert.Throws<FormatException>(() => HttpResponse.Parse(head));

    // The head and the first body bytes cut at every pair of places: the reader finds the same head and says where
    // the body starts, even when a cut falls inside the CRLF CRLF.
    [Fact]
    public void The_head_reader_finds_the_head_wherever_tcp_splits_it()
    {
        byte[] message = [.. HttpResponse.Head(3), .. "abc"u8];
        int headLength = message.Length - 3;
        for (int i = 0; i <= message.Length; i++)
            for (int j = i; j <= message.Length; j++)
            {
                var reader = new HttpHeadReader();
                int taken = 0;
                foreach (var (from, to) in new[] { (0, i), (i, j), (j, message.Length) })
                {
                    int n = reader.Feed(message.AsSpan(from, to - from));
                    Assert.True(n <= to - from);
                    taken += n;
                    if (!reader.IsComplete) Assert.Equal(to - from, n);
                }
                Assert.True(reader.IsComplete, $"cuts at {i}, {j}");
                Assert.Equal(headLength, taken);
                Assert.Equal(Ascii(message)[..(headLength - 4)], reader.Head);
            }
    }

    [Fact]
    public void The_head_reader_gives_up_past_its_limit()
    {
        var reader = new HttpHeadReader(maxHeadBytes: 64);
        Assert.Throws<FormatException>(() => reader.Feed(new byte[100]));
    }

    // ---- the server's sending: head and body start in one send request ----

    [Fact]
    public void The_response_head_goes_with_the_first_body_bytes_and_a_partial_take_resumes_exactly()
    {
        var pattern = PatternBytes.For(RandomStream.For(1, "p"));
        var head = HttpResponse.Head(100_000);
        var sender = new PatternSender(pattern, head);
        var ctx = new FakeContext();
        long total = head.Length + 100_000L;

        // One request: the 102 B head and the first 64 Ki − 102 body bytes, so TCP fills its first segment with both.
        sender.Offer(ctx, 1, total);
        var first = Assert.Single(ctx.Sent);
        Assert.Equal(TcpBulkSenderApp.ChunkBytes, first.Length);
        Assert.Equal(head, first[..head.Length].ToArray());
        Assert.Equal(PatternBytes.Contiguous(pattern, 0, 10).ToArray(), first.Slice(head.Length, 10).ToArray());

        // The send buffer takes 50 B (inside the head): the next offer resumes at head byte 50.
        var taken = new List<byte>();
        Assert.False(sender.Accepted(new TcpSendAccepted(50, first.Length), m => taken.AddRange(m.ToArray())));
        Assert.Equal(0, sender.PatternGiven);
        sender.Offer(ctx, 1, total - sender.Given);
        Assert.Equal(head[50..], ctx.Sent[1][..(head.Length - 50)].ToArray());
        Assert.True(sender.Accepted(new TcpSendAccepted(ctx.Sent[1].Length, ctx.Sent[1].Length), m => taken.AddRange(m.ToArray())));

        // Then body slices at the right offset: the stream is head + pattern, byte for byte.
        sender.Offer(ctx, 1, total - sender.Given);
        Assert.True(sender.Accepted(new TcpSendAccepted(ctx.Sent[2].Length, ctx.Sent[2].Length), m => taken.AddRange(m.ToArray())));
        Assert.Equal(total, sender.Given);
        Assert.Equal(100_000, sender.PatternGiven);
        byte[] expected = [.. head, .. PatternBytes.Slice(pattern, 0, 100_000).SelectMany(m => m.ToArray())];
        Assert.Equal(expected, taken.ToArray());
        // What the socket took of each request, in order, is that same stream.
        byte[] sentAndTaken = [.. first[..50].ToArray(), .. ctx.Sent[1].ToArray(), .. ctx.Sent[2].ToArray()];
        Assert.Equal(expected, sentAndTaken);
    }

    // ---- the client app, driven by hand: the response arrives in pieces ----

    private sealed class FakeContext : IAppContext
    {
        public SimTime Now { get; set; }
        public string NodeName => "h1";
        public RandomStream Random { get; } = RandomStream.For(1, "test");
        public List<(SimTime At, long Token)> Timers { get; } = [];
        public List<ReadOnlyMemory<byte>> Sent { get; } = [];
        public List<TcpCloseKind> Closes { get; } = [];
        public int Connects { get; private set; }
        public void SetTimer(SimTime at, long token) => Timers.Add((at, token));
        public int ConnectTcp(IpAddress destination, ushort port, TcpSocketOptions? options = null) => ++Connects;
        public void SendTcp(int socket, ReadOnlyMemory<byte> data, bool immutable = false) => Sent.Add(data);
        public void CloseTcp(int socket, TcpCloseKind kind) => Closes.Add(kind);
        public bool BindUdp(ushort port) => throw new NotSupportedException();
        public ushort BindEphemeralUdp() => throw new NotSupportedException();
        public ushort AllocateEchoIdentifier() => throw new NotSupportedException();
        public void SendUdp(IpAddress destination, ushort sourcePort, ushort destinationPort, int dataLength, byte ttl = Packet.DefaultTtl, byte[]? data = null) => throw new NotSupportedException();
        public int ListenTcp(ushort port, TcpSocketOptions? options = null) => throw new NotSupportedException();
        public void ReadTcp(int socket, int maxBytes) => throw new NotSupportedException();
        public ushort TcpLocalPort(int socket) => throw new NotSupportedException();
        public void SendEchoRequest(IpAddress destination, ushort identifier, ushort sequence, int dataLength, byte ttl = Packet.DefaultTtl) => throw new NotSupportedException();
    }

    private static (HttpClientApp App, FakeContext Ctx) Client(long responseBytes, int requests = 1)
    {
        var app = new HttpClientApp(new HttpClientAppSpec
        {
            Name = "c", Node = "h1", Target = IpAddress.Parse("10.0.3.2"), ResponseBytes = responseBytes, Requests = requests,
            ThinkTime = SimTime.FromSeconds(1), At = new SourceSpan("test", 1, 1),
        });
        var ctx = new FakeContext();
        app.Start(ctx);
        app.OnSocketNotice(ctx, 1, new TcpStateNotice(TcpEvent.Connected));
        return (app, ctx);
    }

    private static void Read(HttpClientApp app, FakeContext ctx, long atMs, byte[] bytes)
    {
        ctx.Now = SimTime.FromMilliseconds(atMs);
        app.OnSocketNotice(ctx, 1, new TcpDataRead(bytes));
    }

    [Fact]
    public void The_client_completes_at_the_last_content_length_byte_with_the_head_split_across_segments()
    {
        var (app, ctx) = Client(responseBytes: 10);
        Assert.Equal("GET /10 HTTP/1.1\r\nHost: 10.0.3.2\r\nConnection: close\r\n\r\n", Encoding.ASCII.GetString(Assert.Single(ctx.Sent).Span));
        byte[] response = [.. HttpResponse.Head(10), .. "0123456789"u8];
        // Cut inside the status line, inside the final CRLF CRLF, and inside the body.
        Read(app, ctx, 10, response[..5]);
        Read(app, ctx, 20, response[5..^12]);
        Read(app, ctx, 30, response[^12..^4]);
        Assert.Empty(((HttpClientReport)app.Report()).Exchanges);
        Read(app, ctx, 40, response[^4..]);
        var exchange = Assert.Single(((HttpClientReport)app.Report()).Exchanges);
        Assert.Equal(new HttpExchange(1, 0, SimTime.FromMilliseconds(40).Nanoseconds, 10), exchange);
        Assert.Null(((HttpClientReport)app.Report()).Failure);
        // The server closes (Connection: close); the client closes its side then.
        Assert.Empty(ctx.Closes);
        app.OnSocketNotice(ctx, 1, new TcpStateNotice(TcpEvent.RemoteClosed));
        Assert.Equal([TcpCloseKind.Close], ctx.Closes);
    }

    [Fact]
    public void The_client_calls_a_close_before_content_length_bytes_a_truncated_response()
    {
        var (app, ctx) = Client(responseBytes: 10, requests: 2);
        Read(app, ctx, 10, [.. HttpResponse.Head(10), .. "01234"u8]);
        app.OnSocketNotice(ctx, 1, new TcpStateNotice(TcpEvent.RemoteClosed));
        var report = (HttpClientReport)app.Report();
        Assert.Empty(report.Exchanges);
        Assert.Equal("request 1: Truncated (5 of 10 body bytes)", report.Failure);
        Assert.Empty(ctx.Timers);   // no next request after a failure
    }

    [Fact]
    public void The_client_fails_a_response_that_is_not_http_and_resets_the_connection()
    {
        var (app, ctx) = Client(responseBytes: 10);
        Read(app, ctx, 10, "raw bytes without a head\r\n\r\n"u8.ToArray());
        Assert.StartsWith("request 1: BadResponse", ((HttpClientReport)app.Report()).Failure);
        Assert.Equal([TcpCloseKind.Abort], ctx.Closes);
    }
}
