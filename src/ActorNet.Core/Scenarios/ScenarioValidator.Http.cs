using ActorNet.Core.Time;

namespace ActorNet.Core.Scenarios;

/// <summary>
/// The HTTP-like apps (http-client, http-server): TCP apps, so they take a tcp block like tcp-bulk
/// and tcp-sink, share the TCP port check with tcp-sink, and the client's target is resolved and
/// checked (both ways, under static routing) as tcp-bulk's is.
/// </summary>
internal sealed partial class ScenarioValidator
{
    private const ushort HttpPort = 80;   // RFC 9110 §4.2.1

    private HttpClientAppSpec? ReadHttpClient(AppContext ctx, List<LinkDraft> links)
    {
        ReadTarget(ctx, links);
        ushort port = ReadPort(ctx, "port", required: false, HttpPort);
        long responseBytes = 0;
        if (ctx.Obj.Get("response-size") is not { } rf)
        {
            Error(ctx.Obj.At, $"{ctx.Where} has no response-size", "add the size of each response, e.g. response-size = 100KiB");
            ctx.Ok = false;
        }
        // 0 is allowed: a handshake, the GET, an empty response and the FINs.
        else if (!TryByteSize(rf, $"response-size of {ctx.Where}", 0, ScenarioLimits.MaxBytes, "response-size = 100KiB", out responseBytes))
            ctx.Ok = false;
        int requests = ReadCount(ctx, "requests", 1, 1, int.MaxValue);
        var thinkTime = SimTime.Zero;
        if (ctx.Obj.Get("think-time") is { } tf)
        {
            if (TryNonNegativeDuration(tf, $"think-time of {ctx.Where}", "think-time = 1s", out var t)) thinkTime = t;
            else ctx.Ok = false;
        }
        var tcp = ReadAppTcp(ctx);
        if (!ctx.Ok || ctx.Node is null || ctx.Target is null) return null;
        return new HttpClientAppSpec
        {
            Name = ctx.Name, Node = ctx.Node, Start = ctx.Start, At = ctx.Obj.At, Target = ctx.Target.Value,
            Port = port, ResponseBytes = responseBytes, Requests = requests, ThinkTime = thinkTime, Tcp = tcp,
        };
    }

    private HttpServerAppSpec? ReadHttpServer(AppContext ctx)
    {
        ushort port = ReadPort(ctx, "port", required: false, HttpPort);
        var tcp = ReadAppTcp(ctx);
        if (!ctx.Ok || ctx.Node is null) return null;
        return new HttpServerAppSpec { Name = ctx.Name, Node = ctx.Node, Start = ctx.Start, At = ctx.Obj.At, Port = port, Tcp = tcp };
    }
}
