using System.Globalization;
using System.Text;

namespace ActorNet.Results;

/// <summary>
/// tcp-windows.csv and queues.csv, the run folder's large files (the 60 s dumbbell's tcp-windows.csv is 6.4 MB,
/// 130,000 rows), streamed to the file: numbers are formatted straight into a buffer, with no boxing and no string
/// per row or per field, which made writing it take 0.3–0.9 s of a run. The bytes are those of
/// <see cref="RunFolderWriter"/>'s general CSV rows (invariant culture, RFC 4180 quoting, '\n' line ends, UTF-8
/// without a byte-order mark), so export and older runs compare equal.
/// </summary>
public static class TraceCsv
{
    public const string WindowsHeader = "flow,node,time_ns,cwnd_bytes,ssthresh_bytes,send_window_bytes,receive_window_bytes,bytes_in_flight";
    public const string QueuesHeader = "node,interface,peer,slice_start_ns,max_queue_packets";

    public static void WriteWindows(Stream stream, IReadOnlyList<TcpWindowTrace> windows)
    {
        using var w = new Writer(stream, WindowsHeader);
        foreach (var trace in windows)
        {
            string prefix = Quote(trace.Flow) + "," + Quote(trace.Node) + ",";
            foreach (var s in trace.Samples)
            {
                w.Text(prefix);
                w.Number(s.At.Nanoseconds).Comma();
                w.Number(s.Cwnd).Comma();
                // ssthresh is "infinite" until the first loss (RFC 5681 §3.1): an empty field.
                if (s.Ssthresh != long.MaxValue) w.Number(s.Ssthresh);
                w.Comma();
                w.Number(s.SndWnd).Comma();
                w.Number(s.RcvWnd).Comma();
                w.Number(s.BytesInFlight).EndRow();
            }
        }
    }

    public static void WriteQueues(Stream stream, IReadOnlyList<QueueTrace> queues)
    {
        using var w = new Writer(stream, QueuesHeader);
        foreach (var q in queues)
        {
            string prefix = Quote(q.Node) + "," + Quote(q.Interface) + "," + Quote(q.Peer) + ",";
            foreach (var (start, max) in q.Points)
            {
                w.Text(prefix);
                w.Number(start.Nanoseconds).Comma();
                w.Number(max).EndRow();
            }
        }
    }

    /// <summary>A text field as RFC 4180 has it: quoted, with quotes doubled, when it holds a comma, a quote or a line end.</summary>
    public static string Quote(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    /// <summary>Rows into a char buffer, flushed to the stream as UTF-8 when it fills.</summary>
    private sealed class Writer : IDisposable
    {
        private readonly StreamWriter _out;
        private readonly char[] _buffer = new char[64 * 1024];
        private int _used;

        public Writer(Stream stream, string header)
        {
            _out = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024);
            Text(header);
            EndRow();
        }

        public Writer Text(string s)
        {
            if (_used + s.Length > _buffer.Length) Flush();
            if (s.Length > _buffer.Length) _out.Write(s);
            else
            {
                s.CopyTo(0, _buffer, _used, s.Length);
                _used += s.Length;
            }
            return this;
        }

        public Writer Number(long v)
        {
            if (_used + 20 > _buffer.Length) Flush();
            v.TryFormat(_buffer.AsSpan(_used), out int n, default, CultureInfo.InvariantCulture);
            _used += n;
            return this;
        }

        public Writer Comma() => Char(',');

        public Writer EndRow() => Char('\n');

        private Writer Char(char c)
        {
            if (_used == _buffer.Length) Flush();
            _buffer[_used++] = c;
            return this;
        }

        private void Flush()
        {
            _out.Write(_buffer, 0, _used);
            _used = 0;
        }

        public void Dispose()
        {
            Flush();
            _out.Dispose();
        }
    }
}
