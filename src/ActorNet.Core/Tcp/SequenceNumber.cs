namespace ActorNet.Core.Tcp;

/// <summary>
/// A 32-bit TCP sequence number (RFC 9293 §3.4): arithmetic is modulo 2³², and comparison is
/// "a is before b" when the signed 32-bit difference b − a is positive (serial-number arithmetic,
/// RFC 1982 §3.2, valid while the two are less than 2³¹ apart, which the window guarantees).
/// Never compare the raw values with &lt;: 0x00000005 comes after 0xFFFFFFF0.
/// </summary>
public readonly record struct SequenceNumber(uint Value)
{
    public static SequenceNumber operator +(SequenceNumber s, long n) => new(unchecked(s.Value + (uint)n));
    public static SequenceNumber operator -(SequenceNumber s, long n) => new(unchecked(s.Value - (uint)n));

    /// <summary>Signed distance a − b, in bytes (−2³¹ ≤ result &lt; 2³¹).</summary>
    public static int operator -(SequenceNumber a, SequenceNumber b) => unchecked((int)(a.Value - b.Value));

    public static bool operator <(SequenceNumber a, SequenceNumber b) => a - b < 0;
    public static bool operator >(SequenceNumber a, SequenceNumber b) => a - b > 0;
    public static bool operator <=(SequenceNumber a, SequenceNumber b) => a - b <= 0;
    public static bool operator >=(SequenceNumber a, SequenceNumber b) => a - b >= 0;

    public static SequenceNumber Max(SequenceNumber a, SequenceNumber b) => a >= b ? a : b;
    public static SequenceNumber Min(SequenceNumber a, SequenceNumber b) => a <= b ? a : b;

    /// <summary>RFC 9293 §3.4 "start ≤ this &lt; end" in sequence space (an empty range holds nothing).</summary>
    public bool InRange(SequenceNumber start, SequenceNumber end) => this - start >= 0 && end - this > 0;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
