using ActorNet.Core.Addressing;

namespace ActorNet.Core.Scenarios;

/// <summary>
/// Every link's subnet is its own. Two links on the same or overlapping subnets passed validation
/// and then lost every packet across one of them: each end's connected route to the shared
/// addresses points out of one interface only. Subnets are prefixes, so two overlap exactly when
/// one contains the other; a link's subnet is checked against all earlier links' (the generated
/// links' pool has its own check, <see cref="OverlapsGeneratedPool"/>).
/// </summary>
internal sealed partial class ScenarioValidator
{
    /// <summary>A link's subnet as the range of addresses [First, Last] it covers.</summary>
    private sealed record SubnetClaim(UInt128 First, UInt128 Last, IpPrefix Subnet, string Where, SourceSpan At);

    private static readonly IComparer<SubnetClaim> ByFirst = Comparer<SubnetClaim>.Create((a, b) => a.First.CompareTo(b.First));

    /// <summary>
    /// The subnets read so far, per family. They never overlap (an overlapping one is refused, not
    /// added), so ordered by first address a new subnet can only overlap the one that starts last
    /// at or before its own last address: a lookup in O(log n), where comparing every pair of a
    /// hostile file's 100,000 links would not finish.
    /// </summary>
    private readonly SortedSet<SubnetClaim> _subnetsV4 = new(ByFirst), _subnetsV6 = new(ByFirst);

    /// <summary>True (and reported at <paramref name="at"/>) if <paramref name="subnet"/> shares addresses with an earlier link's.</summary>
    private bool OverlapsEarlierLink(IpPrefix subnet, SourceSpan at, string where)
    {
        var (first, last) = Range(subnet);
        var claims = subnet.Family == IpFamily.V4 ? _subnetsV4 : _subnetsV6;
        var probe = new SubnetClaim(last, last, subnet, where, at);
        var lowest = new SubnetClaim(UInt128.Zero, UInt128.Zero, subnet, where, at);
        var candidate = claims.Count == 0 ? null : claims.GetViewBetween(lowest, probe).Max;
        if (candidate is null || candidate.Last < first)
        {
            claims.Add(new SubnetClaim(first, last, subnet, where, at));
            return false;
        }
        string other = $"{candidate.Where} (line {candidate.At.Line}, column {candidate.At.Column})";
        Error(at, candidate.Subnet == subnet
                ? $"subnet {subnet} of {where} is also the subnet of {other}"
                : $"subnet {subnet} of {where} overlaps subnet {candidate.Subnet} of {other}",
            $"give each link its own subnet, sharing no address with another link's: change this one or the one at line {candidate.At.Line}");
        return true;
    }

    private static (UInt128 First, UInt128 Last) Range(IpPrefix p)
    {
        if (p.Family == IpFamily.V4)
        {
            uint network = p.Network.V4.Value;
            return (network, network | ~Ipv4Prefix.Mask(p.Length));
        }
        UInt128 n6 = p.Network.V6.Value;
        return (n6, n6 | ~Ipv6Prefix.Mask(p.Length));
    }
}
