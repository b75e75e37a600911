using ActorNet.Core.Network;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Core.Tracing;
using ActorNet.Engine;
using ActorNet.Engine.Actors;
using ActorNet.Engine.Reference;
using ActorNet.Persistence.Recording;
using ActorNet.Persistence.Tests.Support;

namespace ActorNet.Persistence.Tests.Recording;

/// <summary>
/// The journal is byte-identical whichever engine or thread count produced it (issue 10): every config,
/// shortened, on the reference engine and on the actor engine at 1 and 2 threads, both socket placements.
/// </summary>
public class JournalEqualityTests
{
    public static TheoryData<string> Configs() => new(Repo.Configs());

    [Theory]
    [MemberData(nameof(Configs))]
    public void Every_engine_and_thread_count_journals_the_same_bytes(string config)
    {
        var scenario = Repo.Short(config);
        var interval = SimTime.FromMilliseconds(50);
        var reference = Record(scenario, new ReferenceEngine(), interval);
        Assert.NotEmpty(reference);
        foreach (var engine in new ISimulationEngine[] { new ActorEngine(1), new ActorEngine(2), new ActorEngine(2, sockets: SocketPlacement.Host) })
        {
            var other = Record(scenario, engine, interval);
            Assert.Equal(reference.Count, other.Count);
            for (int k = 0; k < reference.Count; k++)
            {
                Assert.Equal(reference[k].Index, other[k].Index);
                Assert.Equal(reference[k].Chunks.Select(c => (c.Entity, c.Records, c.Fingerprint)), other[k].Chunks.Select(c => (c.Entity, c.Records, c.Fingerprint)));
                for (int c = 0; c < reference[k].Chunks.Count; c++)
                    Assert.True(reference[k].Chunks[c].Bytes.AsSpan().SequenceEqual(other[k].Chunks[c].Bytes), $"{config}: interval {reference[k].Index}, entity {reference[k].Chunks[c].Entity} differs");
            }
        }
    }

    [Fact]
    public void Chunks_hold_every_trace_record_and_every_event_handled_in_their_interval()
    {
        var scenario = Repo.Short("tcp-loss.conf");
        var interval = SimTime.FromMilliseconds(100);
        var network = NetworkBuilder.Build(scenario);
        var intervals = new List<IntervalChunks>();
        var recorder = new IntervalRecorder(network, interval, intervals.Add);
        var run = new ReferenceEngine().Run(network, scenario.StopAt, observer: recorder);

        var traces = network.Nodes.Select(n => n.Trace).Concat(network.Channels.Select(c => c.Trace)).ToArray();
        long events = 0;
        var records = new long[traces.Length];
        foreach (var iv in intervals)
            foreach (var chunk in iv.Chunks)
                foreach (var r in JournalReader.Read(chunk.Bytes))
                {
                    // Each record lies in its chunk's interval (a channel's duplicate is stamped at the end of a
                    // transmission that started in it, so it may run over by the transmission time).
                    Assert.True(r.At.Nanoseconds >= iv.Index * interval.Nanoseconds, $"{r} before interval {iv.Index}");
                    if (!(r.Kind == TraceKind.Duplicate && !r.IsEvent))
                        Assert.True(r.At.Nanoseconds < (iv.Index + 1) * interval.Nanoseconds, $"{r} after interval {iv.Index}");
                    if (r.IsEvent) events++;
                    else records[chunk.Entity]++;
                }
        Assert.Equal(run.Events, events);
        for (int i = 0; i < traces.Length; i++) Assert.Equal(traces[i].Records, records[i]);
        // The last chunk of each entity carries its final count and fingerprint.
        foreach (var last in intervals.SelectMany(iv => iv.Chunks).GroupBy(c => c.Entity).Select(g => g.Last()))
            Assert.Equal((traces[last.Entity].Records, traces[last.Entity].Fingerprint), (last.Records, last.Fingerprint));
    }

    [Fact]
    public void Segments_are_journaled_with_their_tcp_headers()
    {
        var scenario = Repo.Short("tcp-bottleneck.conf");
        var network = NetworkBuilder.Build(scenario);
        var intervals = new List<IntervalChunks>();
        new ReferenceEngine().Run(network, scenario.StopAt, observer: new IntervalRecorder(network, SimTime.FromSeconds(1), intervals.Add));
        var sent = intervals.SelectMany(iv => iv.Chunks).SelectMany(c => JournalReader.Read(c.Bytes)).Where(r => r.Kind == TraceKind.Send && !r.IsEvent).ToList();
        Assert.Contains(sent, r => r.Headers!.Contains("TCP") && r.Headers.Contains("[S]"));
        Assert.Contains(sent, r => r.Headers!.Contains("len=1448") || r.Headers.Contains("len=1460"));
    }

    internal static List<IntervalChunks> Record(Scenario scenario, ISimulationEngine engine, SimTime interval)
    {
        var network = NetworkBuilder.Build(scenario);
        var intervals = new List<IntervalChunks>();
        var run = engine.Run(network, scenario.StopAt, observer: new IntervalRecorder(network, interval, intervals.Add));
        Assert.Equal(RunStatus.Completed, run.Status);
        return intervals;
    }
}
