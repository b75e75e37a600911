using ActorNet.Core.Scenarios.Hocon;
using ActorNet.Core.Tcp.Congestion;
using ActorNet.Core.Time;
using ActorNet.Core.Units;

namespace ActorNet.Core.Scenarios;

/// <summary>
/// TCP apps (tcp-bulk, tcp-sink) and the <c>tcp { }</c> blocks: one at the top level with defaults
/// for every TCP app, and one per app that overrides them key by key. Each value is checked where it
/// is written (type, unit, sign); the limits that tie values together, and the protocol's own ones,
/// are <see cref="Tcp.TcpSettings.Problems"/>, reported at the block, so they live in one place.
/// </summary>
internal sealed partial class ScenarioValidator
{
    private static readonly string[] TcpKeys =
    [
        "congestion-control", "mss", "send-buffer", "receive-buffer", "window-scaling", "sack",
        "delayed-ack", "delayed-ack-timeout", "nagle", "min-rto", "initial-window", "msl",
    ];

    private const string TcpLimitsFix =
        "keep within TCP's limits (docs/SCENARIOS.md, tcp): mss 64..65495, send-buffer and receive-buffer at least mss, " +
        "min-rto at most 1s (the initial RTO), delayed-ack-timeout under 500ms";

    /// <summary>A tcp block as read: the knobs it sets (null: not set) and whether it names the algorithm.</summary>
    private sealed record TcpBlock(TcpSpec Spec, bool SetsCongestionControl, SourceSpan At, IReadOnlyList<string> Problems);

    /// <summary>The top-level tcp block, when there is one and it could be read.</summary>
    private TcpBlock? _tcpDefaults;
    /// <summary>There is a top-level block but a value in it is wrong: apps' blocks are not checked against it.</summary>
    private bool _tcpDefaultsFailed;

    private void ReadTcpDefaults(HoconObject root)
    {
        if (root.Get("tcp") is not { } f) return;
        const string where = "the top-level tcp block";
        if (ReadTcpBlock(f, "tcp", where) is not { } block)
        {
            _tcpDefaultsFailed = true;
            return;
        }
        foreach (var p in block.Problems) Error(block.At, $"{where}: {p}", TcpLimitsFix);
        _tcpDefaults = block;
    }

    /// <summary>
    /// The app's TCP settings: its own block over the top-level one. A problem the top-level block
    /// already has is reported there once, not again for every app that inherits it.
    /// </summary>
    private TcpSpec ReadAppTcp(AppContext ctx)
    {
        var top = _tcpDefaults;
        if (ctx.Obj.Get("tcp") is not { } f) return top?.Spec ?? TcpSpec.Default;
        string where = $"the tcp block of {ctx.Where}";
        if (ReadTcpBlock(f, $"tcp of {ctx.Where}", where) is not { } own)
        {
            ctx.Ok = false;
            return TcpSpec.Default;
        }
        if (_tcpDefaultsFailed) return own.Spec;   // what it would merge with is unknown
        if (top is null)
        {
            foreach (var p in own.Problems) Error(own.At, $"{where}: {p}", TcpLimitsFix);
            if (own.Problems.Count > 0) ctx.Ok = false;
            return own.Spec;
        }
        var merged = Merge(top, own);
        foreach (var p in merged.ToSettings().Problems())
        {
            if (top.Problems.Contains(p)) continue;
            Error(own.At, $"{where} (over the top-level tcp block at line {top.At.Line}): {p}", TcpLimitsFix);
            ctx.Ok = false;
        }
        return merged;
    }

    private static TcpSpec Merge(TcpBlock top, TcpBlock own)
    {
        TcpSpec t = top.Spec, o = own.Spec;
        return new TcpSpec
        {
            CongestionControl = own.SetsCongestionControl ? o.CongestionControl : t.CongestionControl,
            Mss = o.Mss ?? t.Mss,
            SendBufferBytes = o.SendBufferBytes ?? t.SendBufferBytes,
            ReceiveBufferBytes = o.ReceiveBufferBytes ?? t.ReceiveBufferBytes,
            WindowScaling = o.WindowScaling ?? t.WindowScaling,
            Sack = o.Sack ?? t.Sack,
            DelayedAck = o.DelayedAck ?? t.DelayedAck,
            DelayedAckTimeout = o.DelayedAckTimeout ?? t.DelayedAckTimeout,
            Nagle = o.Nagle ?? t.Nagle,
            MinRto = o.MinRto ?? t.MinRto,
            InitialWindowSegments = o.InitialWindowSegments ?? t.InitialWindowSegments,
            Msl = o.Msl ?? t.Msl,
        };
    }

    /// <summary>
    /// Reads one block; null when it is not an object or a value in it is wrong (both reported).
    /// <see cref="TcpBlock.Problems"/> is only looked for when every value could be read, since a
    /// wrong value's default could clash with the others where the intended value would not.
    /// </summary>
    private TcpBlock? ReadTcpBlock(HoconField field, string key, string where)
    {
        if (field.Value is not HoconObject obj)
        {
            ErrorUnlessInvalid(field.Value, $"{key} must be an object {{ ... }}, not {Describe(field.Value)}",
                "write tcp { congestion-control = newreno, mss = 1460 }");
            return null;
        }
        int before = _errors.Count;
        CheckKeys(obj, where, TcpKeys);
        var spec = new TcpSpec();
        bool setsCc = false;
        if (obj.Get("congestion-control") is { } cf && TryText(cf, $"congestion-control of {where}", out var cc))
        {
            if (CongestionControlFactory.Names.Contains(cc)) (spec, setsCc) = (spec with { CongestionControl = cc }, true);
            else Error(cf.Value.At, $"unknown congestion control '{cc}' in {where}",
                Suggest.Fix(cc, CongestionControlFactory.Names, "congestion-control algorithm"));
        }
        // RFC 9293 §3.2: the MSS option is 16 bits; TcpSettings narrows it further.
        if (obj.Get("mss") is { } mf && TryInt(mf, $"mss of {where}", 1, ushort.MaxValue, "mss = 1460", out long mss))
            spec = spec with { Mss = (int)mss };
        if (obj.Get("send-buffer") is { } sb && TryByteSize(sb, $"send-buffer of {where}", 1, int.MaxValue, "send-buffer = 256KiB", out long send))
            spec = spec with { SendBufferBytes = (int)send };
        if (obj.Get("receive-buffer") is { } rb && TryByteSize(rb, $"receive-buffer of {where}", 1, int.MaxValue, "receive-buffer = 64KiB", out long receive))
            spec = spec with { ReceiveBufferBytes = (int)receive };
        if (ReadTcpSwitch(obj, "window-scaling", where) is { } ws) spec = spec with { WindowScaling = ws };
        if (ReadTcpSwitch(obj, "sack", where) is { } sack) spec = spec with { Sack = sack };
        if (ReadTcpSwitch(obj, "delayed-ack", where) is { } da) spec = spec with { DelayedAck = da };
        if (ReadTcpTime(obj, "delayed-ack-timeout", where, "delayed-ack-timeout = 200ms") is { } dat) spec = spec with { DelayedAckTimeout = dat };
        if (ReadTcpSwitch(obj, "nagle", where) is { } nagle) spec = spec with { Nagle = nagle };
        if (ReadTcpTime(obj, "min-rto", where, "min-rto = 200ms") is { } rto)
        {
            // Checked here, at the key: TcpSettings.Problems would name the initial RTO ("must lie
            // within 5s..60s"), which the file does not set and the reader cannot find.
            var initial = Tcp.TcpSettings.Default.InitialRto;
            if (rto > initial)
                Error(obj.Get("min-rto")!.Value.At, $"min-rto of {where} is {rto}; it must be at most {initial}, the initial RTO (RFC 6298 (2.1))",
                    "write e.g. min-rto = 200ms (as Linux) or min-rto = 1s (RFC 6298 (2.4))");
            else spec = spec with { MinRto = rto };
        }
        if (obj.Get("initial-window") is { } iw && TryInt(iw, $"initial-window of {where}", 1, int.MaxValue, "initial-window = 10", out long segments))
            spec = spec with { InitialWindowSegments = (int)segments };
        if (ReadTcpTime(obj, "msl", where, "msl = 30s") is { } msl) spec = spec with { Msl = msl };

        if (_errors.Count != before) return null;
        return new TcpBlock(spec, setsCc, obj.At, spec.ToSettings().Problems());
    }

    private bool? ReadTcpSwitch(HoconObject obj, string key, string where) =>
        obj.Get(key) is { } f && TryBool(f, $"{key} of {where}", out bool v) ? v : null;

    private SimTime? ReadTcpTime(HoconObject obj, string key, string where, string example) =>
        obj.Get(key) is { } f && TryPositiveDuration(f, $"{key} of {where}", example, out var t) ? t : null;

    private TcpBulkAppSpec? ReadTcpBulk(AppContext ctx, List<LinkDraft> links)
    {
        ReadTarget(ctx, links);
        ushort port = ReadPort(ctx, "port", required: true, 0);
        long? bytes = null;   // without end: sends until the run stops
        if (ctx.Obj.Get("bytes") is { } bf)
        {
            // 0 is allowed: connect, then close at once (a handshake and FINs).
            if (TryByteSize(bf, $"bytes of {ctx.Where}", 0, ScenarioLimits.MaxBytes, "bytes = 1MiB", out long b)) bytes = b;
            else ctx.Ok = false;
        }
        bool sha256 = ReadSha256(ctx);
        var tcp = ReadAppTcp(ctx);
        if (!ctx.Ok || ctx.Node is null || ctx.Target is null) return null;
        return new TcpBulkAppSpec
        {
            Name = ctx.Name, Node = ctx.Node, Start = ctx.Start, At = ctx.Obj.At, Target = ctx.Target.Value,
            Port = port, Bytes = bytes, Tcp = tcp, Sha256 = sha256,
        };
    }

    private TcpSinkAppSpec? ReadTcpSink(AppContext ctx)
    {
        ushort port = ReadPort(ctx, "port", required: true, 0);
        DataRate? readRate = null;
        var readInterval = SimTime.FromMilliseconds(10);
        var rf = ctx.Obj.Get("read-rate");
        if (rf is not null)
        {
            if (TryRate(rf, $"read-rate of {ctx.Where}", "read-rate = 1Mbit/s", out var r)) readRate = r;
            else ctx.Ok = false;
        }
        if (ctx.Obj.Get("read-interval") is { } inf)
        {
            if (rf is null)
            {
                // Without a read rate the sink reads everything as it arrives: an interval would be ignored.
                Error(inf.KeyAt, $"{ctx.Where} has read-interval but no read-rate",
                    "add read-rate (e.g. read-rate = 1Mbit/s) for a slow reader, or remove read-interval");
                ctx.Ok = false;
            }
            else if (TryPositiveDuration(inf, $"read-interval of {ctx.Where}", "read-interval = 10ms", out var ri)) readInterval = ri;
            else ctx.Ok = false;
        }
        if (readRate is { } rate && ctx.Ok) CheckBytesPerRead(ctx, rate, readInterval, rf!);
        bool sha256 = ReadSha256(ctx);
        var tcp = ReadAppTcp(ctx);
        if (!ctx.Ok || ctx.Node is null) return null;
        return new TcpSinkAppSpec
        {
            Name = ctx.Name, Node = ctx.Node, Start = ctx.Start, At = ctx.Obj.At, Port = port,
            ReadRate = readRate, ReadInterval = readInterval, Tcp = tcp, Sha256 = sha256,
        };
    }

    /// <summary><c>sha256 = on|off</c> (default on): hash every byte, or skip it in speed runs.</summary>
    private bool ReadSha256(AppContext ctx)
    {
        if (ctx.Obj.Get("sha256") is not { } f) return true;
        if (TryBool(f, $"sha256 of {ctx.Where}", out bool on)) return on;
        ctx.Ok = false;
        return true;
    }

    /// <summary>One read takes rate × interval bytes (as TcpSinkApp computes it): at least 1, and an int.</summary>
    private void CheckBytesPerRead(AppContext ctx, DataRate rate, SimTime interval, HoconField rateField)
    {
        Int128 perRead = (Int128)(rate.BitsPerSecond / 8) * interval.Nanoseconds / 1_000_000_000;
        if (perRead >= 1 && perRead <= int.MaxValue) return;
        Error(rateField.Value.At,
            perRead < 1
                ? $"{ctx.Where} reads less than one byte per read ({rate} every {interval})"
                : $"{ctx.Where} reads {perRead} B per read ({rate} every {interval}); at most {int.MaxValue}",
            perRead < 1 ? "raise read-rate or read-interval, e.g. read-rate = 1Mbit/s, read-interval = 10ms"
                : "lower read-rate or read-interval, or remove read-rate to read everything as it arrives");
        ctx.Ok = false;
    }
}
