namespace ActorNet.Core.Tcp;

/// <summary>
/// In-order bytes received and not yet read by the application (RFC 9293 §3.8.6.2.2 RCV.USER).
/// Holds the segments' own memory (segment data is immutable), so receiving copies nothing; the
/// one copy is into the application's span on <see cref="Read"/>.
/// </summary>
public sealed class ReceiveBuffer
{
    private ReadOnlyMemory<byte>[] _pieces = new ReadOnlyMemory<byte>[16];
    private int _head, _count;

    public int Count { get; private set; }

    public void Append(ReadOnlyMemory<byte> data)
    {
        if (data.IsEmpty) return;
        if (_count == _pieces.Length)
        {
            var bigger = new ReadOnlyMemory<byte>[_pieces.Length * 2];
            for (int i = 0; i < _count; i++) bigger[i] = _pieces[(_head + i) % _pieces.Length];
            _pieces = bigger;
            _head = 0;
        }
        _pieces[(_head + _count) % _pieces.Length] = data;
        _count++;
        Count += data.Length;
    }

    /// <summary>
    /// Takes up to <paramref name="maxBytes"/> from the first piece without copying (the pieces are segments'
    /// immutable data): a reader that can keep memory gets it as it arrived. Empty when nothing is buffered.
    /// </summary>
    public ReadOnlyMemory<byte> TakeFirstPiece(int maxBytes)
    {
        if (_count == 0 || maxBytes <= 0) return ReadOnlyMemory<byte>.Empty;
        ref var piece = ref _pieces[_head];
        var taken = piece.Length <= maxBytes ? piece : piece[..maxBytes];
        if (taken.Length == piece.Length)
        {
            piece = default;
            _head = (_head + 1) % _pieces.Length;
            _count--;
        }
        else piece = piece[taken.Length..];
        Count -= taken.Length;
        return taken;
    }

    /// <summary>Moves up to destination.Length bytes into <paramref name="destination"/>; returns how many.</summary>
    public int Read(Span<byte> destination)
    {
        int done = 0;
        while (done < destination.Length && _count > 0)
        {
            ref var piece = ref _pieces[_head];
            int n = Math.Min(piece.Length, destination.Length - done);
            piece.Span[..n].CopyTo(destination[done..]);
            done += n;
            if (n == piece.Length)
            {
                piece = default;
                _head = (_head + 1) % _pieces.Length;
                _count--;
            }
            else piece = piece[n..];
        }
        Count -= done;
        return done;
    }
}
