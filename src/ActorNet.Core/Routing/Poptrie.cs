using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ActorNet.Core.Routing;

// Poptrie: H. Asai and Y. Ohara, "Poptrie: A Compressed Trie with Population
// Count for Fast and Scalable Software IP Routing Table Lookup", SIGCOMM 2015.
//
// Read that paper first. In short: a multibit trie with 6-bit strides, so a
// node's 64 chunks fit one 64-bit bitmap. `vector` marks the chunks that lead
// to an internal node; `leafvec` marks where a run of equal leaves starts
// (leaf compression). The child or leaf for chunk v is found by a popcount of
// the bitmap below v. Leaves are pushed down (controlled prefix expansion,
// Srinivasan and Varghese 1999), so a lookup never backtracks. The first
// `directBits` bits index a flat array ("direct pointing", §3.4 of the paper)
// whose entries are a leaf value or a node.
//
// One change from the paper: a node, its child offsets and its leaves sit
// together in one int array (as Tree Bitmap does, Eatherton et al. 2004)
// instead of in separate node and leaf arrays:
//
//   pool[o .. o+1]  vector   (ulong, little-endian halves)
//   pool[o+2 .. o+3] leafvec
//   pool[o+4 ..]    one offset per internal child, in chunk order
//   then            one value per leaf run
//
// With 1 M scattered routes the trie does not fit in cache, and the paper's
// layout costs a miss on the node and another on the leaf array; inline, the
// leaf is often on the node's cache line. Nodes are laid out depth-first, so
// a chain of single-child nodes (IPv6 /48s under a /32) is contiguous too.
// The price is 4 bytes per child offset, which the paper avoids by keeping
// siblings contiguous; but base0/base1 go, and on the S12 tables the pool is
// about 13 % smaller than the paper's three arrays. Padding nodes so that none
// straddles a cache line cost 27 % more memory and measured no faster here,
// so nodes are packed.

/// <summary>Lookup over the pool layout above; shared by the IPv4 and IPv6 tables.</summary>
internal static class Poptrie
{
    /// <summary>A direct-array entry that points at a node holds NodeFlag | offset; leaf values are ≥ -1.</summary>
    public const int NodeFlag = int.MinValue;

    /// <summary>Ints in a node header (vector and leafvec).</summary>
    public const int HeaderInts = 4;

    /// <summary>
    /// Walks from the node at <paramref name="offset"/>. <paramref name="hi"/>:<paramref name="lo"/>
    /// hold the key bits still to resolve, MSB first, zero-padded at the end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Walk(int[] pool, int offset, ulong hi, ulong lo)
    {
        // Offsets come from the builder, so bounds checks are skipped on this hot path.
        ref int p = ref MemoryMarshal.GetArrayDataReference(pool);
        while (true)
        {
            ref int node = ref Unsafe.Add(ref p, offset);
            ulong vector = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<int, byte>(ref node));
            int v = (int)(hi >> 58);
            // (2UL << 63) == 0, so the mask for v = 63 is all ones, as in the paper.
            ulong upToV = (2UL << v) - 1;
            if ((vector & (1UL << v)) == 0)
            {
                ulong leafvec = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<int, byte>(ref Unsafe.Add(ref node, 2)));
                int leaf = HeaderInts + BitOperations.PopCount(vector) + BitOperations.PopCount(leafvec & upToV) - 1;
                return Unsafe.Add(ref node, leaf);
            }
            offset = Unsafe.Add(ref node, HeaderInts + BitOperations.PopCount(vector & upToV) - 1);
            hi = hi << 6 | lo >> 58;
            lo <<= 6;
        }
    }
}

/// <summary>The arrays of a built trie: the direct array and the node pool.</summary>
internal sealed record PoptrieArrays(int[] Direct, int[] Pool)
{
    /// <summary>Bytes held by the two arrays (object headers not counted).</summary>
    public long MemoryBytes => ((long)Direct.Length + Pool.Length) * sizeof(int);
}

/// <summary>A route in the builder's common form: the network left-aligned in 128 bits.</summary>
internal readonly record struct PoptrieRoute(UInt128 Network, int Length, int Value);

/// <summary>
/// Builds the trie from routes of either family. IPv4 networks arrive shifted
/// left by 96 bits, so one builder serves both; chunks past the address width
/// read as zero, which only widens the last level's prefix expansion.
/// </summary>
internal static class PoptrieBuilder
{
    private const int Stride = 6;


    /// <param name="routes">Deduplicated routes, sorted by (Network, Length).</param>
    /// <param name="directBits">Bits resolved by the direct array (18 for IPv4, 20 for IPv6).</param>
    public static PoptrieArrays Build(PoptrieRoute[] routes, int directBits)
    {
        int directSize = 1 << directBits;
        var direct = new int[directSize];
        var directLen = new sbyte[directSize];
        Array.Fill(direct, -1);
        Array.Fill(directLen, (sbyte)-1);

        // Routes no longer than directBits are expanded into the direct array;
        // the longer one wins a slot whatever the input order.
        foreach (var r in routes)
        {
            if (r.Length > directBits) continue;
            int first = (int)(r.Network >> (128 - directBits));
            int count = 1 << (directBits - r.Length);
            for (int s = first; s < first + count; s++)
            {
                if (r.Length > directLen[s])
                {
                    direct[s] = r.Value;
                    directLen[s] = (sbyte)r.Length;
                }
            }
        }

        var b = new Builder(routes);
        int i = 0;
        while (i < routes.Length)
        {
            if (routes[i].Length <= directBits) { i++; continue; }
            // Routes are sorted by network, so the longer routes under one direct
            // slot are contiguous (shorter ones between them are skipped below).
            int slot = (int)(routes[i].Network >> (128 - directBits));
            int end = i + 1;
            while (end < routes.Length && (int)(routes[end].Network >> (128 - directBits)) == slot) end++;
            direct[slot] = Poptrie.NodeFlag | b.BuildNode(i, end, directBits, direct[slot]);
            i = end;
        }
        return new PoptrieArrays(direct, b.Pool.ToArray());
    }

    /// <summary>The 6-bit chunk of <paramref name="key"/> at bit <paramref name="offset"/> (MSB first), zero-padded past bit 127.</summary>
    private static int Chunk(UInt128 key, int offset) => offset <= 128 - Stride
        ? (int)(ulong)(key >> (128 - Stride - offset)) & 63
        : (int)(ulong)(key << (offset - (128 - Stride))) & 63;

    private sealed class Builder(PoptrieRoute[] routes)
    {
        // Sized to the input: a small forwarding table must not allocate megabytes (thousands are built per run).
        public readonly GrowArray Pool = new(Math.Clamp(routes.Length * 16, 64, 1 << 20));

        /// <summary>
        /// Appends the node for the block at bit <paramref name="offset"/>, then its
        /// subtrees; returns the node's offset. routes[lo..hi) all lie in the block;
        /// those no longer than offset are already folded into <paramref name="inherited"/>
        /// and are skipped.
        /// </summary>
        public int BuildNode(int lo, int hi, int offset, int inherited)
        {
            Span<int> slotValue = stackalloc int[64];
            Span<int> slotLen = stackalloc int[64];
            Span<int> childLo = stackalloc int[64];
            Span<int> childHi = stackalloc int[64];
            slotValue.Fill(inherited);
            slotLen.Fill(offset);
            childLo.Fill(-1);

            int limit = offset + Stride;
            for (int i = lo; i < hi; i++)
            {
                var r = routes[i];
                if (r.Length <= offset) continue;
                int v = Chunk(r.Network, offset);
                if (r.Length > limit)
                {
                    if (childLo[v] < 0) childLo[v] = i;
                    childHi[v] = i + 1;
                    continue;
                }
                // Controlled prefix expansion: a /offset+k route covers 2^(6-k) chunks.
                int count = 1 << (limit - r.Length);
                for (int s = v; s < v + count; s++)
                {
                    if (r.Length > slotLen[s])
                    {
                        slotValue[s] = r.Value;
                        slotLen[s] = r.Length;
                    }
                }
            }

            ulong vector = 0, leafvec = 0;
            int leafCount = 0;
            bool anyLeaf = false;
            int lastLeaf = 0;
            Span<int> leaves = stackalloc int[64];
            for (int s = 0; s < 64; s++)
            {
                if (childLo[s] >= 0) { vector |= 1UL << s; continue; }
                // Leaf compression: only the first chunk of a run of equal leaves is stored.
                if (!anyLeaf || slotValue[s] != lastLeaf)
                {
                    leafvec |= 1UL << s;
                    leaves[leafCount++] = slotValue[s];
                    lastLeaf = slotValue[s];
                    anyLeaf = true;
                }
            }

            int childCount = BitOperations.PopCount(vector);
            int size = Poptrie.HeaderInts + childCount + leafCount;
            int self = Pool.AddDefault(size);
            Pool[self] = (int)(uint)vector;
            Pool[self + 1] = (int)(uint)(vector >> 32);
            Pool[self + 2] = (int)(uint)leafvec;
            Pool[self + 3] = (int)(uint)(leafvec >> 32);
            for (int j = 0; j < leafCount; j++) Pool[self + Poptrie.HeaderInts + childCount + j] = leaves[j];

            // Depth-first: each child follows its parent (or earlier siblings' subtrees).
            int c = self + Poptrie.HeaderInts;
            for (int s = 0; s < 64; s++)
            {
                if (childLo[s] < 0) continue;
                int child = BuildNode(childLo[s], childHi[s], limit, slotValue[s]);
                Pool[c++] = child;
            }
            return self;
        }
    }

    /// <summary>A minimal growable int array that can append a block of zeros.</summary>
    private sealed class GrowArray(int capacity)
    {
        private int[] _items = new int[capacity];
        private int _count;

        public int this[int i]
        {
            get => _items[i];
            set => _items[i] = value;
        }

        /// <summary>Appends <paramref name="count"/> zeros; returns the index of the first.</summary>
        public int AddDefault(int count)
        {
            int first = _count;
            if (_count + count > _items.Length) Array.Resize(ref _items, Math.Max(_items.Length * 2, _count + count));
            _count += count;
            return first;
        }

        public int[] ToArray() => _items.AsSpan(0, _count).ToArray();
    }
}
