using System.CommandLine;
using System.Globalization;
using ActorNet.Cli.Output;
using ActorNet.Core.Pcap;

namespace ActorNet.Cli.Commands;

/// <summary>--pcap [selection] and --snaplen of run.</summary>
internal static class PcapOptions
{
    /// <summary>Present without a value: every interface (refused on a large topology). The value is null then.</summary>
    public static Option<PcapSelection?> Selection() => new("--pcap")
    {
        Description = "Write pcap files (pcap/<node>-<interface>.pcap, for Wireshark/tshark): of the interfaces named, e.g. --pcap h1,r1:eth0 "
            + "(node = all its interfaces; * for any characters), or of every one: --pcap all. A bare --pcap means all, "
            + $"on a topology of at most {PcapPlan.MaxInterfacesWithoutSelection} interfaces",
        Arity = ArgumentArity.ZeroOrOne,
        HelpName = "selection",
        CustomParser = r =>
        {
            if (r.Tokens.Count == 0) return null;
            string text = r.Tokens[0].Value;
            // The value is optional, so "run --pcap config/x.conf" takes the scenario as the selection.
            if (text.Contains('/') || text.Contains('\\') || text.EndsWith(".conf", StringComparison.Ordinal) || File.Exists(text))
            {
                r.AddError($"--pcap {text}: a selection of nodes and interfaces, not a file; put the scenario first: actornet run {text} --pcap");
                return null;
            }
            if (PcapSelection.TryParse(text, out var selection, out var error)) return selection;
            r.AddError($"--pcap {(text.Length == 0 ? "\"\"" : text)}: {error}");
            return null;
        },
    };

    public static Option<int?> SnapLength() => new("--snaplen")
    {
        HelpName = "bytes",
        Description = $"Keep at most this many bytes of each packet in the pcap files, as tcpdump -s does (default {PcapWriter.SnapLength}: whole packets)",
        CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v is >= 1 and <= PcapWriter.MaxSnapLength) return v;
            r.AddError($"--snaplen {(text.Length == 0 ? "\"\"" : text)}: give the bytes to keep of each packet, 1 to {PcapWriter.MaxSnapLength}, e.g. --snaplen 128 for headers only");
            return null;
        },
    };
}
