using ActorNet.Core.Addressing;
using ActorNet.Core.Packets;

namespace ActorNet.Core.Sockets;

/// <summary>One action a socket took in a turn (what travels back to the host in the actor engine).</summary>
public abstract record SocketAction;

/// <summary>See <see cref="ISocketActions.Send"/>.</summary>
public sealed record SendPayload(IpAddress Destination, byte Ttl, TransportPayload Payload) : SocketAction;

/// <summary>See <see cref="ISocketActions.DeliverToApp"/>.</summary>
public sealed record DeliverPacket(Packet Packet) : SocketAction;

/// <summary>See <see cref="ISocketActions.SetTimer"/>.</summary>
public sealed record SetSocketTimer(int Timer, Time.SimTime Deadline) : SocketAction;

/// <summary>See <see cref="ISocketActions.CancelTimer"/>.</summary>
public sealed record CancelSocketTimer(int Timer) : SocketAction;

/// <summary>See <see cref="ISocketActions.Notify"/>.</summary>
public sealed record NotifyApp(SocketNotice Notice) : SocketAction;

/// <summary>See <see cref="ISocketActions.Accept"/>.</summary>
public sealed record AcceptConnection(Packet Syn) : SocketAction;

/// <summary>Collects a turn's actions in order (reused by a host or socket actor turn after turn).</summary>
public sealed class SocketActionList : ISocketActions
{
    private readonly List<SocketAction> _actions = [];

    public int Count => _actions.Count;
    public SocketAction this[int i] => _actions[i];

    public void Send(IpAddress destination, byte ttl, TransportPayload payload) => _actions.Add(new SendPayload(destination, ttl, payload));
    public void DeliverToApp(Packet packet) => _actions.Add(new DeliverPacket(packet));
    public void SetTimer(int timer, Time.SimTime deadline) => _actions.Add(new SetSocketTimer(timer, deadline));
    public void CancelTimer(int timer) => _actions.Add(new CancelSocketTimer(timer));
    public void Notify(SocketNotice notice) => _actions.Add(new NotifyApp(notice));
    public void Accept(Packet syn) => _actions.Add(new AcceptConnection(syn));

    public void Clear() => _actions.Clear();

    /// <summary>The actions as an array of their own (a message to the host must not share this list).</summary>
    public SocketAction[] ToArray() => _actions.ToArray();
}
