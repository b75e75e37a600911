using ActorNet.Engine.Actors.Placement;

namespace ActorNet.Engine.Tests.Actors.Placement;

/// <summary>The automatic thread choice: one thread for near-empty windows, all of them for full ones, decided every span of windows.</summary>
public class ThreadPacerTests
{
    [Fact]
    public void Full_windows_use_every_thread_and_near_empty_ones_one()
    {
        using var team = new ThreadTeam("pacer-" + Guid.NewGuid().ToString("N"), 2, 2, spinMicroseconds: 0);
        var pacer = new ThreadPacer(team, minEventsPerWindow: 100).Start();
        Assert.Equal(1, team.ActiveThreads);
        long events = 0;
        for (int w = 0; w < ThreadPacer.Span - 1; w++) pacer.WindowClosed(events += 500);
        Assert.Equal(1, team.ActiveThreads);   // no choice before a whole span
        pacer.WindowClosed(events += 500);
        Assert.Equal(2, team.ActiveThreads);
        for (int w = 0; w < ThreadPacer.Span; w++) pacer.WindowClosed(events += 99);
        Assert.Equal(1, team.ActiveThreads);
        for (int w = 0; w < ThreadPacer.Span; w++) pacer.WindowClosed(events += 100);
        Assert.Equal(2, team.ActiveThreads);
    }
}
