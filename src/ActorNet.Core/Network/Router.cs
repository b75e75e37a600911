using ActorNet.Core.Packets;
using ActorNet.Core.Scenarios;
using ActorNet.Core.Simulation;
using ActorNet.Core.Time;
using ActorNet.Core.Tracing;

namespace ActorNet.Core.Network;

/// <summary>An IP router (RFC 1812): forwards by longest-prefix match, decrements TTL, answers with ICMP.</summary>
public sealed class Router(int id, string name) : Node(id, name)
{
    public override NodeKind Kind => NodeKind.Router;

    protected override void OnLocalTransport(SimTime now, Packet p, int inIface, IEventSink sink)
    {
        if (p.Payload is UdpDatagram)
        {
            // No UDP service on a router: RFC 1122 §4.1.3.1 port unreachable (traceroute to a router's address ends here).
            CountDrop(now, p, inIface, DropReason.PortUnreachable);
            SendIcmpError(now, p, inIface, IcmpKind.DestinationUnreachable, UnreachableCode.Port, sink);
            return;
        }
        // Echo replies and ICMP errors addressed to the router itself are consumed.
        Trace.Record(now, TraceKind.Deliver, p, inIface);
    }

    protected override void OnTransitPacket(SimTime now, Packet p, int inIface, IEventSink sink)
    {
        // RFC 1812 §5.3.1: a packet whose TTL would reach zero is discarded with ICMP time exceeded.
        if (p.Ttl <= 1)
        {
            CountDrop(now, p, inIface, DropReason.TtlExpired);
            SendIcmpError(now, p, inIface, IcmpKind.TimeExceeded, UnreachableCode.Net, sink);
            return;
        }
        int outIface = Routes.LookupInterface(p.Destination);
        if (outIface < 0)
        {
            CountDrop(now, p, inIface, DropReason.NoRoute);
            SendIcmpError(now, p, inIface, IcmpKind.DestinationUnreachable, UnreachableCode.Net, sink);
            return;
        }
        var forwarded = p with { Ttl = (byte)(p.Ttl - 1) };
        Forwarded++;
        Trace.Record(now, TraceKind.Forward, p, outIface);
        // The model never fragments (as if every IPv4 packet had DF set; IPv6 routers never fragment, RFC 8200 §5):
        // the answer carries the next-hop MTU, RFC 1191 §4 / RFC 4443 §3.2, so a sender could do path MTU discovery.
        if (SendOn(now, forwarded, outIface, sink) == DropReason.MtuExceeded)
            SendIcmpError(now, p, inIface, IcmpKind.DestinationUnreachable, UnreachableCode.FragmentationNeeded, sink,
                nextHopMtu: Interfaces[outIface].Port.Channel.Mtu);
    }
}
