using ActorNet.Core.Packets;
using ActorNet.Core.Time;

namespace ActorNet.Core.Tcp;

/// <summary>One timer change a connection asked for: a deadline, or null for "cancel".</summary>
public readonly record struct TcpTimerChange(TcpTimer Timer, SimTime? Deadline);

/// <summary>
/// A reusable <see cref="ITcpActions"/> that just collects, in order; the host reads the lists after
/// each input and calls <see cref="Clear"/>. The lists are reused, so steady state allocates nothing.
/// </summary>
public sealed class TcpActions : ITcpActions
{
    private readonly List<TcpSegment> _segments = [];
    private readonly List<TcpTimerChange> _timers = [];
    private readonly List<TcpEvent> _events = [];

    public IReadOnlyList<TcpSegment> Segments => _segments;
    public IReadOnlyList<TcpTimerChange> Timers => _timers;
    public IReadOnlyList<TcpEvent> Events => _events;
    public bool IsEmpty => _segments.Count == 0 && _timers.Count == 0 && _events.Count == 0;

    public void Send(TcpSegment segment) => _segments.Add(segment);
    public void SetTimer(TcpTimer timer, SimTime deadline) => _timers.Add(new(timer, deadline));
    public void CancelTimer(TcpTimer timer) => _timers.Add(new(timer, null));
    public void Notify(TcpEvent e) => _events.Add(e);

    public void Clear()
    {
        _segments.Clear();
        _timers.Clear();
        _events.Clear();
    }
}
