using ActorNet.Core.Sockets;
using ActorNet.Core.Time;
using Akka.Actor;

namespace ActorNet.Engine.Actors;

/// <summary>
/// A socket as an actor, a child of its host's <see cref="NodeActor"/>: owns the socket's logic and
/// state, takes one <see cref="SocketTurn"/> at a time and answers its parent with the actions taken
/// (DESIGN §1: the node hands one event to one child, which replies with its actions; children never
/// message each other).
/// </summary>
public sealed class SocketActor : UntypedActor
{
    private readonly ISocket _socket;
    private readonly string _host;
    private readonly SocketActionList _actions = new();
    // The reply, made once and sent after every turn: its list is refilled each turn. Safe because the host
    // applies a turn's actions as soon as the reply arrives and gives this socket its next turn only after that
    // (a host's turns never overlap), so nobody reads the list while it is refilled. No allocation per turn.
    private readonly List<SocketAction> _taken = [];
    private SocketTurnDone? _reply;

    public SocketActor(ISocket socket, string host)
    {
        _socket = socket;
        _host = host;
    }

    public static Props Props(ISocket socket, string host) => Akka.Actor.Props.Create(() => new SocketActor(socket, host));

    protected override void OnReceive(object message)
    {
        if (message is not SocketTurn turn)
        {
            Unhandled(message);
            return;
        }
        _actions.Clear();
        try
        {
            _socket.Handle(turn.Input, new SimTime(turn.NowNs), _actions);
        }
        catch (Exception ex) when (ex is not SimulationException)
        {
            throw new SimulationException($"socket {_socket.Name} on {_host}", new SimTime(turn.NowNs), ex);
        }
        _taken.Clear();
        for (int i = 0; i < _actions.Count; i++) _taken.Add(_actions[i]);
        _reply ??= new SocketTurnDone(turn.Socket, _taken);
        Context.Parent.Tell(_reply, Self);
    }
}
