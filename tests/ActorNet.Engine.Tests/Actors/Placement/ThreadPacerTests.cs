using ActorNet.Engine.Actors.Placement;

namespace ActorNet.Engine.Tests.Actors.Placement;

/// <summary>
/// The automatic thread choice: one thread (waking nodes near a window's start) for near-empty windows, all of
/// them (waking every node before the classic end) for full ones, decided every span of windows, with separate
/// thresholds up and down.
/// </summary>
public class ThreadPacerTests
{
    [Fact]
    public void Full_windows_use_every_thread_and_near_empty_ones_one()
    {
        using var team = new ThreadTeam("pacer-" + Guid.NewGuid().ToString("N"), 2, 2, spinMicroseconds: 0);
        var pacer = new ThreadPacer(team) { UpAt = 100, DownBelow = 300 }.Start();
        Assert.Equal(1, team.ActiveThreads);
        Assert.Equal(0.25, pacer.WakeFraction);
        long events = 0;
        void Span(int perWindow)
        {
            for (int w = 0; w < ThreadPacer.Span; w++) pacer.WindowClosed(events += perWindow);
        }

        for (int w = 0; w < ThreadPacer.Span - 1; w++) pacer.WindowClosed(events += 500);
        Assert.Equal(1, team.ActiveThreads);   // no choice before a whole span
        pacer.WindowClosed(events += 500);
        Assert.Equal(2, team.ActiveThreads);
        Assert.Equal(1.0, pacer.WakeFraction);
        Span(300);
        Assert.Equal(2, team.ActiveThreads);   // still full enough to stay
        Span(299);
        Assert.Equal(1, team.ActiveThreads);
        Span(99);
        Assert.Equal(1, team.ActiveThreads);
        Span(100);
        Assert.Equal(2, team.ActiveThreads);
    }
}
