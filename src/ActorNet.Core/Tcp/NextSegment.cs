namespace ActorNet.Core.Tcp;

/// <summary>Which RFC 6675 §4 NextSeg() rule chose a segment: it tells the sender which variable to advance after sending it.</summary>
public enum NextSegRule
{
    /// <summary>Rule (1): a lost segment above HighRxt. Advance HighRxt to its last octet.</summary>
    Lost = 1,
    /// <summary>Rule (2): new data at HighData + 1. Advance HighData.</summary>
    NewData = 2,
    /// <summary>Rule (3): an unSACKed segment above HighRxt not yet judged lost. Advance HighRxt.</summary>
    Unsacked = 3,
    /// <summary>Rule (4): the one rescue retransmission per recovery. Set RescueRxt = RecoveryPoint; HighRxt MUST NOT move.</summary>
    Rescue = 4,
}

/// <summary>The segment NextSeg() chose: [<see cref="Start"/>, <see cref="End"/>), at most SMSS bytes.</summary>
public readonly record struct NextSegment(SequenceNumber Start, int Length, NextSegRule Rule)
{
    public SequenceNumber End => Start + Length;

    public override string ToString() => $"{Start}+{Length} (rule {(int)Rule})";
}
