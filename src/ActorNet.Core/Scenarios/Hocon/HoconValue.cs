namespace ActorNet.Core.Scenarios.Hocon;

/// <summary>
/// A parsed HOCON value with the place it was written. Only the subset ActorNet scenarios need:
/// objects, arrays and scalars; no substitutions, no includes (docs/SCENARIOS.md §Syntax).
/// </summary>
public abstract class HoconValue
{
    private protected HoconValue(SourceSpan at) => At = at;

    /// <summary>Where the value starts: the '{' or '[' of a container, the first character of a scalar.</summary>
    public SourceSpan At { get; }
}

public enum HoconScalarKind
{
    /// <summary>Quoted text, unquoted text that is not a number, or a concatenation like <c>100 packets</c>.</summary>
    String,
    /// <summary>Unquoted text that reads as a JSON number: <c>1</c>, <c>-2.5</c>, <c>1e3</c>.</summary>
    Number,
    Boolean,
    Null,
    /// <summary>A value the parser already reported (e.g. a <c>${substitution}</c>): consumers skip it silently.</summary>
    Invalid,
}

public sealed class HoconScalar : HoconValue
{
    internal HoconScalar(SourceSpan at, HoconScalarKind kind, string text, bool quoted) : base(at)
        => (Kind, Text, Quoted) = (kind, text, quoted);

    public HoconScalarKind Kind { get; }
    /// <summary>The text as written, quotes removed and escapes resolved.</summary>
    public string Text { get; }
    public bool Quoted { get; }

    public override string ToString() => Text;
}

public sealed class HoconArray : HoconValue
{
    internal HoconArray(SourceSpan at, IReadOnlyList<HoconValue> items) : base(at) => Items = items;

    public IReadOnlyList<HoconValue> Items { get; }
}

/// <summary>One key of an object, after merging: <see cref="KeyAt"/> is where it was last set.</summary>
public sealed record HoconField(string Key, SourceSpan KeyAt, HoconValue Value);

/// <summary>
/// A key set twice in one object (HOCON merges or overwrites; scenarios may care).
/// <see cref="Replaced"/> is the earlier value when the later one overwrote it, null when two objects merged.
/// </summary>
public sealed record HoconDuplicate(string Key, SourceSpan FirstAt, SourceSpan LaterAt, HoconValue? Replaced);

/// <summary>
/// An object whose fields keep the order in which each key first appeared. Setting a key again
/// follows HOCON: two objects merge, anything else is replaced by the later value. Every such
/// repeat is kept in <see cref="Duplicates"/>.
/// </summary>
public sealed class HoconObject : HoconValue
{
    private readonly List<HoconField> _fields = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<HoconDuplicate> _duplicates = [];

    internal HoconObject(SourceSpan at) : base(at) { }

    public IReadOnlyList<HoconField> Fields => _fields;
    public IReadOnlyList<HoconDuplicate> Duplicates => _duplicates;

    public HoconField? Get(string key) => _index.TryGetValue(key, out int i) ? _fields[i] : null;

    internal void Set(string key, SourceSpan keyAt, HoconValue value)
    {
        if (!_index.TryGetValue(key, out int i))
        {
            _index[key] = _fields.Count;
            _fields.Add(new HoconField(key, keyAt, value));
            return;
        }
        var old = _fields[i];
        if (old.Value is HoconObject target && value is HoconObject source)
        {
            _duplicates.Add(new HoconDuplicate(key, old.KeyAt, keyAt, null));
            foreach (var f in source.Fields) target.Set(f.Key, f.KeyAt, f.Value);
            foreach (var d in source.Duplicates) target._duplicates.Add(d);
            _fields[i] = old with { KeyAt = keyAt };
        }
        else
        {
            _duplicates.Add(new HoconDuplicate(key, old.KeyAt, keyAt, old.Value));
            _fields[i] = new HoconField(key, keyAt, value);
        }
    }
}
