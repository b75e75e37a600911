using ActorNet.Core.Time;

namespace ActorNet.Core.Tcp;

public sealed partial class TcpConnection
{
    // One deadline per TcpTimer kind; MaxValue = not armed.
    private readonly SimTime[] _deadlines = new SimTime[4];

    private bool IsArmed(TcpTimer t) => _deadlines[(int)t] != SimTime.MaxValue;

    /// <summary>The deadline of <paramref name="t"/>, or null when it is not armed.</summary>
    public SimTime? TimerDeadline(TcpTimer t) => IsArmed(t) ? _deadlines[(int)t] : null;

    private void Arm(TcpTimer t, SimTime deadline)
    {
        if (_deadlines[(int)t] == deadline) return;
        _deadlines[(int)t] = deadline;
        _actions.SetTimer(t, deadline);
    }

    private void Cancel(TcpTimer t)
    {
        if (!IsArmed(t)) return;
        _deadlines[(int)t] = SimTime.MaxValue;
        _actions.CancelTimer(t);
    }

    /// <summary>
    /// A timer the host armed for this connection fired. A firing that does not match the armed
    /// deadline (cancelled or re-armed since) is ignored, so a host need not remove stale events.
    /// </summary>
    public void OnTimer(TcpTimer timer, SimTime now)
    {
        if (!IsArmed(timer) || now < _deadlines[(int)timer]) return;
        _deadlines[(int)timer] = SimTime.MaxValue;
        switch (timer)
        {
            case TcpTimer.Retransmission:
                OnRetransmissionTimeout(now);
                break;
            case TcpTimer.Persist:
                OnPersistTimeout(now);
                break;
            case TcpTimer.DelayedAck:
                // RFC 1122 §4.2.3.2: the delayed ACK is due.
                if (State is not (TcpState.Closed or TcpState.SynSent)) _ackNow = true;
                break;
            case TcpTimer.TimeWait:
                // RFC 9293 §3.10.8: "If the time-wait timeout expires on a connection, delete the TCB".
                if (State == TcpState.TimeWait) EnterClosed();
                break;
        }
        if (State != TcpState.Closed) AfterInput(now);
        else ReportWindows(now);
    }

    private void EnterTimeWait(SimTime now)
    {
        State = TcpState.TimeWait;
        Cancel(TcpTimer.Retransmission);
        Cancel(TcpTimer.Persist);
        Arm(TcpTimer.TimeWait, now + _settings.Msl * 2);
    }
}
