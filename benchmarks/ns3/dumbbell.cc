// ns-3 3.37's side of config/dumbbell.conf (issue 11), like for like: 4 NewReno bulk flows a_i -> b_i,
// a_i -[100 Mbit/s, 1 ms, 1000 p]- r1 -[10 Mbit/s, 20 ms, 100 p]- r2 -[100 Mbit/s, 1 ms, 1000 p]- b_i,
// 60 s, MSS 1448, 4 MiB socket buffers, drop-tail device queues only (the queue discs that address
// assignment installs are removed). Build and run (apt-get install -y libns3-dev):
//   g++ -O2 -std=c++17 dumbbell.cc -o dumbbell $(pkg-config --cflags ns3-core) -lns3-core -lns3-network \
//     -lns3-internet -lns3-point-to-point -lns3-applications -lns3-traffic-control && ./dumbbell
#include <cstdio>
#include <cstring>   // ns-3.37's mac64-address.h uses memcmp without including it
#include <vector>
#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/internet-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/applications-module.h"
#include "ns3/traffic-control-module.h"
using namespace ns3;

// Without a queue disc, the traffic-control layer drops silently (no trace) when the device queue is
// full, so drops are counted as packets IP hands to r1's bottleneck interface minus those its device takes.
static int32_t g_neckIf = -1;
static uint64_t g_handed = 0, g_accepted = 0;
static void OnIpTx(Ptr<const Packet>, Ptr<Ipv4>, uint32_t i) { if (static_cast<int32_t>(i) == g_neckIf) g_handed++; }
static void OnMacTx(Ptr<const Packet>) { g_accepted++; }

int main()
{
    const int n = 4;
    Config::SetDefault("ns3::TcpL4Protocol::SocketType", StringValue("ns3::TcpNewReno"));
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
    Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(4 << 20));
    Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(4 << 20));
    NodeContainer a, b, r;
    a.Create(n); b.Create(n); r.Create(2);
    InternetStackHelper stack;
    stack.Install(a); stack.Install(b); stack.Install(r);
    PointToPointHelper access, neck;
    access.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    access.SetChannelAttribute("Delay", StringValue("1ms"));
    access.SetQueue("ns3::DropTailQueue", "MaxSize", StringValue("1000p"));
    neck.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    neck.SetChannelAttribute("Delay", StringValue("20ms"));
    neck.SetQueue("ns3::DropTailQueue", "MaxSize", StringValue("100p"));
    Ipv4AddressHelper ip;
    TrafficControlHelper tch;
    NetDeviceContainer nd = neck.Install(r.Get(0), r.Get(1));
    ip.SetBase("10.255.0.0", "255.255.255.0");
    ip.Assign(nd);
    tch.Uninstall(nd);
    std::vector<Ipv4Address> dst;
    for (int i = 0; i < n; i++)
    {
        char base[32];
        NetDeviceContainer in = access.Install(a.Get(i), r.Get(0));
        snprintf(base, sizeof base, "10.1.%d.0", i + 1);
        ip.SetBase(base, "255.255.255.0");
        ip.Assign(in);
        tch.Uninstall(in);
        NetDeviceContainer out = access.Install(r.Get(1), b.Get(i));
        snprintf(base, sizeof base, "10.2.%d.0", i + 1);
        ip.SetBase(base, "255.255.255.0");
        dst.push_back(ip.Assign(out).GetAddress(1));
        tch.Uninstall(out);
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    r.Get(0)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext("Tx", MakeCallback(&OnIpTx));
    nd.Get(0)->TraceConnectWithoutContext("MacTx", MakeCallback(&OnMacTx));
    g_neckIf = r.Get(0)->GetObject<Ipv4>()->GetInterfaceForDevice(nd.Get(0));

    std::vector<Ptr<PacketSink>> sinks;
    for (int i = 0; i < n; i++)
    {
        PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 5001));
        ApplicationContainer s = sink.Install(b.Get(i));
        s.Start(Seconds(0));
        sinks.push_back(DynamicCast<PacketSink>(s.Get(0)));
        BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(dst[i], 5001));
        bulk.SetAttribute("MaxBytes", UintegerValue(0));
        bulk.SetAttribute("SendSize", UintegerValue(1448));
        bulk.Install(a.Get(i)).Start(Seconds(0));
    }
    Simulator::Stop(Seconds(60));
    Simulator::Run();
    double sum = 0, squares = 0;
    for (auto& s : sinks)
    {
        double x = s->GetTotalRx() * 8.0 / 60 / 1e6;
        printf("flow %.3f Mbit/s\n", x);
        sum += x;
        squares += x * x;
    }
    printf("total %.3f Mbit/s, Jain's index %.3f, %llu drops at the bottleneck (%llu handed to it, %llu taken)\n",
           sum, sum * sum / (n * squares), static_cast<unsigned long long>(g_handed - g_accepted),
           static_cast<unsigned long long>(g_handed), static_cast<unsigned long long>(g_accepted));
    Simulator::Destroy();
    return 0;
}
