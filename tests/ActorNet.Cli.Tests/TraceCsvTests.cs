using System.Globalization;
using System.Text;
using ActorNet.Core.Tcp;
using ActorNet.Core.Time;
using ActorNet.Results;
using CsCheck;

namespace ActorNet.Cli.Tests;

/// <summary>
/// tcp-windows.csv and queues.csv are streamed by <see cref="TraceCsv"/> (issue 11: the general row writer took
/// 0.3–0.9 s for the dumbbell's 6.4 MB). Their bytes must stay those the general writer produced, so runs written
/// before and exports rebuilt after compare equal: <see cref="Oracle"/> is that writer's formatting, kept here.
/// </summary>
public class TraceCsvTests
{
    private static readonly Gen<string> Name = Gen.OneOf(Gen.String[Gen.Char["a-z0-9"], 1, 8], Gen.Const("a,b"), Gen.Const("q\"x"), Gen.Const("line\nend"));
    private static readonly Gen<long> Value = Gen.OneOf(Gen.Long[0, 1L << 40], Gen.Long, Gen.Const(long.MaxValue), Gen.Const(long.MinValue), Gen.Const(0L));

    private static readonly Gen<TcpWindowTrace> Window =
        Gen.Select(Name, Name, Gen.Select(Gen.Long[0, long.MaxValue], Value, Value, Value, Value, Value)
                .Select(t => new TcpWindowSample(new SimTime(t.Item1), t.Item2, t.Item3, t.Item4, t.Item5, t.Item6)).Array[0, 50])
            .Select((flow, node, samples) => new TcpWindowTrace(flow, node, 1460, 0, samples, SimTime.Zero));

    private static readonly Gen<QueueTrace> Queue =
        Gen.Select(Name, Name, Name, Gen.Select(Gen.Long[0, long.MaxValue], Gen.Int).Select(p => (new SimTime(p.Item1), p.Item2)).Array[0, 50])
            .Select((node, itf, peer, points) => new QueueTrace(node, itf, peer, 0, points));

    [Fact]
    public void Tcp_windows_csv_has_the_bytes_of_the_general_row_writer()
    {
        Window.Array[0, 5].Sample(windows =>
        {
            string expected = Oracle.File(TraceCsv.WindowsHeader, windows.SelectMany(w => w.Samples.Select(s => Oracle.Row(w.Flow, w.Node, s.At.Nanoseconds, s.Cwnd,
                s.Ssthresh == long.MaxValue ? "" : s.Ssthresh.ToString(CultureInfo.InvariantCulture), s.SndWnd, s.RcvWnd, s.BytesInFlight))));
            Assert.Equal(expected, Written(s => TraceCsv.WriteWindows(s, windows)));
        });
    }

    [Fact]
    public void Queues_csv_has_the_bytes_of_the_general_row_writer()
    {
        Queue.Array[0, 5].Sample(queues =>
        {
            string expected = Oracle.File(TraceCsv.QueuesHeader, queues.SelectMany(q => q.Points.Select(p => Oracle.Row(q.Node, q.Interface, q.Peer, p.Start.Nanoseconds, p.MaxPackets))));
            Assert.Equal(expected, Written(s => TraceCsv.WriteQueues(s, queues)));
        });
    }

    [Fact]
    public void A_file_larger_than_the_buffer_is_whole()
    {
        var samples = Enumerable.Range(0, 20_000).Select(i => new TcpWindowSample(new SimTime(i * 1_000_003L), i, i % 7 == 0 ? long.MaxValue : i, i, i, i)).ToArray();
        var windows = new[] { new TcpWindowTrace("h1:1->10.0.0.2:5001", "h1", 1460, 0, samples, SimTime.Zero) };
        string text = Written(s => TraceCsv.WriteWindows(s, windows));
        var lines = text.Split('\n');
        Assert.Equal(20_002, lines.Length);   // header, rows, and the empty string after the last '\n'
        Assert.Equal("h1:1->10.0.0.2:5001,h1,19999059997,19999,,19999,19999,19999", lines[^2]);
        Assert.Equal("h1:1->10.0.0.2:5001,h1,7000021,7,,7,7,7", lines[8]);
    }

    private static string Written(Action<Stream> write)
    {
        var stream = new MemoryStream();
        write(stream);
        byte[] bytes = stream.ToArray();
        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "no byte-order mark");
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>RunFolderWriter's general CSV formatting as it wrote these files before issue 11.</summary>
    private static class Oracle
    {
        public static string File(string header, IEnumerable<string> rows)
        {
            var sb = new StringBuilder(header).Append('\n');
            foreach (var r in rows) sb.Append(r).Append('\n');
            return sb.ToString();
        }

        public static string Row(params object?[] values) => string.Join(',', values.Select(Csv));

        private static string Csv(object? v)
        {
            string s = v switch
            {
                null => "",
                double d => d.ToString("0.######", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => v.ToString() ?? "",
            };
            return s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
        }
    }
}
