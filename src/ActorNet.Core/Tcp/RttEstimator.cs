using ActorNet.Core.Time;

namespace ActorNet.Core.Tcp;

/// <summary>
/// The retransmission timeout of RFC 6298, in integer nanoseconds so that every engine computes
/// the same value. Karn's algorithm (RFC 6298 §3: no sample from a retransmitted segment) is the
/// caller's job: it simply does not call <see cref="AddSample"/> then.
/// <para>
/// The backoff of (5.5) is cleared only by a valid sample (<see cref="AddSample"/>), not by any ACK of new
/// data: RFC 6298 changes the RTO only by a measurement (§2) or a backoff (5.5), and its note after (5.7)
/// says a new measurement is what "collapses" a backed-off RTO. Karn and Partridge keep the backed-off
/// RTO until then so that a path whose RTT grew above the RTO is learned instead of timing out forever
/// (every timed segment would time out, be retransmitted and so never be sampled). Linux does the same
/// (tcp_ack_update_rtt: "only reset backoff on valid RTT measurement"), as does BSD (tcp_xmit_timer).
/// </para>
/// </summary>
public sealed class RttEstimator
{
    private readonly SimTime _min, _max, _granularity;
    private SimTime _baseRto;

    public RttEstimator(SimTime minRto, SimTime maxRto, SimTime initialRto, SimTime clockGranularity)
    {
        (_min, _max, _granularity) = (minRto, maxRto, clockGranularity);
        _baseRto = initialRto; // RFC 6298 (2.1)
    }

    public RttEstimator(TcpSettings s) : this(s.MinRto, s.MaxRto, s.InitialRto, s.ClockGranularity) { }

    /// <summary>SRTT; null before the first sample.</summary>
    public SimTime? Srtt { get; private set; }
    public SimTime RttVar { get; private set; }
    /// <summary>Times the timer doubled (RFC 6298 (5.5)) since the last valid RTT sample.</summary>
    public int Backoffs { get; private set; }
    /// <summary>The RTO to arm now: the computed value doubled once per backoff, at most the maximum.</summary>
    public SimTime Rto
    {
        get
        {
            long ns = _baseRto.Nanoseconds;
            for (int i = 0; i < Backoffs && ns < _max.Nanoseconds; i++) ns *= 2;
            return SimTime.Min(new SimTime(ns), _max);
        }
    }

    /// <summary>
    /// RFC 6298 (2.2) and (2.3), with α = 1/8, β = 1/4, K = 4; then (2.4) and (2.5). The new RTO replaces a
    /// backed-off one (RFC 6298 §5, the note after (5.7)).
    /// </summary>
    public void AddSample(SimTime r)
    {
        if (r < SimTime.Zero) throw new ArgumentOutOfRangeException(nameof(r), r, "an RTT cannot be negative");
        if (Srtt is not { } srtt)
        {
            // (2.2) first measurement: SRTT <- R, RTTVAR <- R/2.
            Srtt = r;
            RttVar = new SimTime(r.Nanoseconds / 2);
        }
        else
        {
            // (2.3) RTTVAR <- (1 - beta) * RTTVAR + beta * |SRTT - R'|, then SRTT <- (1 - alpha) * SRTT + alpha * R'
            // (RTTVAR first: it uses the old SRTT).
            long diff = Math.Abs(srtt.Nanoseconds - r.Nanoseconds);
            RttVar = new SimTime((3 * RttVar.Nanoseconds + diff) / 4);
            Srtt = new SimTime((7 * srtt.Nanoseconds + r.Nanoseconds) / 8);
        }
        // RTO <- SRTT + max(G, K * RTTVAR), then (2.4) round up to the minimum and (2.5) cap at the maximum.
        long rto = Srtt.Value.Nanoseconds + Math.Max(_granularity.Nanoseconds, 4 * RttVar.Nanoseconds);
        _baseRto = SimTime.Max(_min, SimTime.Min(_max, new SimTime(rto)));
        Backoffs = 0;   // Linux tcp_ack_update_rtt: "RFC6298: only reset backoff on valid RTT measurement"
    }

    /// <summary>RFC 6298 (5.5): the timer expired; back off (double) the RTO.</summary>
    public void Backoff()
    {
        if (Rto < _max) Backoffs++;
    }

    /// <summary>
    /// RFC 6298 (5.7): the SYN timed out and no sample was taken, so data transmission starts with
    /// RTO = 3 s (only when the computed RTO is smaller).
    /// </summary>
    public void AfterSynTimeout()
    {
        if (Srtt is null && _baseRto < SimTime.FromSeconds(3)) _baseRto = SimTime.Min(_max, SimTime.FromSeconds(3));
        Backoffs = 0;
    }
}
