namespace ActorNet.Persistence.Journal;

/// <summary>
/// Every node's state at a boundary of virtual time (persistence id <c>run-N/state</c>, sequence number = the
/// interval index + 1): routes, queues with their packets, sockets, TCP connections with their variables, apps,
/// counters (<see cref="Core.Inspection.NodeStateJson"/> documents). What <c>actornet inspect</c> shows without
/// re-running at that time. It cannot be resumed from: random streams and pending events are not in it.
/// </summary>
public sealed record StateSnapshot(long Index, long AtNs, IReadOnlyList<string> NodeStates) : IJournalEvent;

/// <summary>The run's record so far (persistence id <c>run-N</c>): what <see cref="RunLedgerActor"/> recovers from before the events after it.</summary>
public sealed record LedgerSnapshot(RunStarted Started, IReadOnlyList<IntervalCommitted> Intervals) : IJournalEvent;
