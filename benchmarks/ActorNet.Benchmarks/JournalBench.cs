using System.Diagnostics;
using System.Globalization;
using ActorNet.Core.Network;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Time;
using ActorNet.Engine;
using ActorNet.Engine.Actors;
using ActorNet.Engine.Reference;
using ActorNet.Persistence.Journal;
using ActorNet.Persistence.Recording;

namespace ActorNet.Benchmarks;

/// <summary>
/// What journaling costs (issue 10): each case run with the journal off, with the records kept but not written
/// (the engines' share), and journaled to a fresh SQLite file (and to PostgreSQL if ACTORNET_BENCH_PG holds a
/// connection string), in one process, interleaved, median of n after a warm-up. Wall time is the engine's run
/// plus the wait for the journal to finish writing (RunJournal.End), as a user waits for it.
///   dotnet run -c Release --project benchmarks/ActorNet.Benchmarks -- journal [-n 3] [--engine reference|actors] [--threads 2] [--interval 100ms] [cases...]
/// </summary>
public static class JournalBench
{
    public static int Run(string[] args)
    {
        // journal --fill N <db> <case>: journal N runs of a case into a database (to time runs, show and inspect on it).
        if (args.Length == 4 && args[0] == "--fill") return Fill(int.Parse(args[1], CultureInfo.InvariantCulture), args[2], args[3]);
        int n = 3, threads = 2;
        string engine = "reference";
        var interval = RunJournal.DefaultInterval;
        var cases = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "-n") n = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--engine") engine = args[++i];
            else if (args[i] == "--threads") threads = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--interval") interval = SimTime.FromMicroseconds((long)(double.Parse(args[++i].TrimEnd('m', 's'), CultureInfo.InvariantCulture) * 1000));
            else cases.Add(args[i]);
        }
        if (cases.Count == 0) cases = ["s4", "dumbbell", "fat10"];
        string? pg = Environment.GetEnvironmentVariable("ACTORNET_BENCH_PG");
        Func<ISimulationEngine> make = engine == "actors" ? () => new ActorEngine(threads) : () => new ReferenceEngine();
        Console.WriteLine($"engine {engine}{(engine == "actors" ? $" ({threads} threads)" : "")}, interval {interval}, median of {n}");
        Console.WriteLine("| scenario | events | off s | records only s | SQLite s | SQLite ÷ off | PostgreSQL s | PostgreSQL ÷ off | rows | SQLite MB | MB per M events |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var dir = Directory.CreateTempSubdirectory("actornet-journal-bench-");
        try
        {
            foreach (var c in cases)
            {
                var scenario = EngineBench.Scenario(c);
                var (off, records, sqlite, postgres) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
                var begins = new List<double>();
                long events = 0, rows = 0, bytes = 0;
                for (int k = 0; k <= n; k++)   // k = 0 warms up
                {
                    var t0 = Time(() => make().Run(NetworkBuilder.Build(scenario), scenario.StopAt));
                    var network = NetworkBuilder.Build(scenario);
                    var recorder = new IntervalRecorder(network, interval, _ => { });
                    var t1 = Time(() => events = make().Run(network, scenario.StopAt, observer: recorder).Events);
                    string file = Path.Combine(dir.FullName, $"{c}-{k}.db");
                    var t2 = Journaled(scenario, make, JournalLocation.Parse(file), interval, out rows);
                    begins.Add(LastBegin);
                    bytes = new FileInfo(file).Length + (File.Exists(file + "-wal") ? new FileInfo(file + "-wal").Length : 0);
                    double t3 = pg is null ? double.NaN : Journaled(scenario, make, JournalLocation.Parse(pg), interval, out _);
                    if (k == 0) continue;
                    off.Add(t0); records.Add(t1); sqlite.Add(t2); postgres.Add(t3);
                }
                double m0 = Median(off), m2 = Median(sqlite), m3 = Median(postgres);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {c} | {events:N0} | {m0:0.000} | {Median(records):0.000} | {m2:0.000} | {m2 / m0:0.00}x (begin {Median(begins):0.000}) | {(pg is null ? "-" : m3.ToString("0.000", CultureInfo.InvariantCulture))} | {(pg is null ? "-" : (m3 / m0).ToString("0.00", CultureInfo.InvariantCulture) + "x")} | {rows:N0} | {bytes / 1e6:0.0} | {bytes / 1e6 / (events / 1e6):0.0} |"));
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
        return 0;
    }

    private static double Journaled(Scenario scenario, Func<ISimulationEngine> make, JournalLocation location, SimTime interval, out long rows)
    {
        var db = JournalDatabase.Open(location);
        var network = NetworkBuilder.Build(scenario);
        var clock = Stopwatch.StartNew();
        using var journal = RunJournal.Begin(db, new RunIdentity
        {
            Scenario = scenario.Name, ScenarioFile = scenario.SourceFile, ScenarioText = scenario.SourceText, Seed = scenario.Seed,
            StopAt = scenario.StopAt, Engine = "bench", Threads = 1, Sockets = "actors",
        }, network, interval, RunJournal.DefaultSnapshotInterval);
        LastBegin = clock.Elapsed.TotalSeconds;
        var run = make().Run(network, scenario.StopAt, observer: journal.Observer);
        journal.End("completed", run.Reached, run.Events, run.WallSeconds, null, null, null);
        double wall = clock.Elapsed.TotalSeconds;
        rows = RunCatalog.Get(db, journal.RunId)!.Intervals;
        return wall;
    }

    private static int Fill(int runs, string db, string c)
    {
        var scenario = EngineBench.Scenario(c);
        var location = JournalLocation.Parse(db);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < runs; i++)
            Journaled(scenario with { Seed = (ulong)i + 1 }, () => new ReferenceEngine(), location, RunJournal.DefaultInterval, out _);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{runs} runs of {c} journaled into {db} in {clock.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    private static double LastBegin;

    private static double Time(Action a)
    {
        var clock = Stopwatch.StartNew();
        a();
        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> xs) => xs.Count == 0 ? double.NaN : xs.Order().ElementAt(xs.Count / 2);
}
