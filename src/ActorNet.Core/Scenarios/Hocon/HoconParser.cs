using System.Globalization;
using System.Text;
using ActorNet.Core.Addressing;

namespace ActorNet.Core.Scenarios.Hocon;

/// <summary>
/// The result of parsing: the root object (empty if parsing stopped early) and the problems found.
/// <see cref="Fatal"/> is true when a syntax error stopped the parser, so the tree is incomplete
/// and must not be validated; other errors (an unquoted IPv6 address, a substitution) are
/// reported but the parse went on.
/// </summary>
public sealed record HoconParseResult(HoconObject Root, IReadOnlyList<ScenarioError> Errors, bool Fatal);

/// <summary>
/// A small HOCON parser (https://github.com/lightbend/config/blob/main/HOCON.md) that keeps the
/// line and column of every key and value, for error messages. Supported: objects (braces
/// optional at the root), arrays, <c>=</c> / <c>:</c> / <c>key { }</c>, dotted keys, quoted and
/// unquoted strings, value concatenation on one line (<c>100 packets</c>), numbers, true, false,
/// null, <c>#</c> and <c>//</c> comments, newline or comma separators, duplicate keys (objects
/// merge, otherwise the later value wins). Not supported, reported with their position:
/// <c>${substitutions}</c>, <c>include</c>, <c>+=</c>, triple-quoted strings.
/// Lines and columns are 1-based; a column counts UTF-16 characters, a tab counts as one.
/// At most <see cref="MaxDepth"/> levels may be open at once.
/// </summary>
public sealed class HoconParser
{
    /// <summary>
    /// Objects and arrays (and the parts of a dotted key) open at once. The parser descends one
    /// call per level, so without a bound 20,000 '[' overflow the stack and end the process; 256
    /// is far more than a scenario needs (its deepest values are four levels down).
    /// </summary>
    public const int MaxDepth = 256;

    private readonly string _text;
    private readonly string _file;
    private readonly ScenarioErrorList _errors;
    private int _pos;
    private int _line = 1;
    private int _col = 1;
    private int _depth;

    private HoconParser(string text, string file, ScenarioErrorList errors) => (_text, _file, _errors) = (text, file, errors);

    /// <summary>Thrown after a syntax error is recorded, to stop parsing; never escapes <see cref="Parse"/>.</summary>
    private sealed class StopParsing : Exception;

    /// <summary>Parses <paramref name="text"/>; the result keeps the first problems in file order (<see cref="ScenarioLoader.MaxReportedProblems"/>).</summary>
    public static HoconParseResult Parse(string text, string fileName)
    {
        var errors = new ScenarioErrorList(ScenarioLoader.MaxReportedProblems);
        var r = Parse(text, fileName, errors);
        return r with { Errors = errors.Kept };
    }

    /// <summary>Adds the problems to <paramref name="errors"/>, which the loader shares with the validator.</summary>
    internal static HoconParseResult Parse(string text, string fileName, ScenarioErrorList errors)
    {
        var p = new HoconParser(text, fileName, errors);
        var root = new HoconObject(new SourceSpan(fileName, 1, 1));
        try
        {
            p.SkipAll();
            if (p.Peek == '{')
            {
                root = p.ParseObject();
                p.SkipAll();
                if (!p.AtEnd)
                    p.Fail($"unexpected '{p.Peek}' after the closing '}}' of the root object",
                        "remove it, or drop the outer braces and write the keys at the top level");
            }
            else
            {
                p.ParseFields(root, closer: null, opener: root.At);
            }
            return new HoconParseResult(root, [], Fatal: false);
        }
        catch (StopParsing)
        {
            return new HoconParseResult(new HoconObject(new SourceSpan(fileName, 1, 1)), [], Fatal: true);
        }
    }

    // ---- characters and positions ----

    private bool AtEnd => _pos >= _text.Length;
    private char Peek => _pos < _text.Length ? _text[_pos] : '\0';
    private char PeekAt(int k) => _pos + k < _text.Length ? _text[_pos + k] : '\0';
    private SourceSpan Here => new(_file, _line, _col);

    private void Advance()
    {
        if (_text[_pos] == '\n') { _line++; _col = 1; }
        else _col++;
        _pos++;
    }

    private void Error(SourceSpan at, string problem, string fix) =>
        _errors.Add(new ScenarioError(at.File, at.Line, at.Column, problem, fix));

    private StopParsing Fail(SourceSpan at, string problem, string fix)
    {
        Error(at, problem, fix);
        throw new StopParsing();
    }

    private StopParsing Fail(string problem, string fix) => Fail(Here, problem, fix);

    private bool AtComment => Peek == '#' || (Peek == '/' && PeekAt(1) == '/');

    /// <summary>Spaces, tabs and comments, not newlines.</summary>
    private void SkipInline()
    {
        while (!AtEnd)
        {
            if (Peek is ' ' or '\t' or '\r' or '\uFEFF') Advance();
            else if (AtComment) { while (!AtEnd && Peek != '\n') Advance(); }
            else break;
        }
    }

    /// <summary>Whitespace including newlines, and comments.</summary>
    private void SkipAll()
    {
        while (true)
        {
            SkipInline();
            if (Peek == '\n') Advance();
            else break;
        }
    }

    // HOCON.md "Unquoted strings": these may not appear unquoted (plus whitespace and "//").
    private static bool IsForbiddenUnquoted(char c) => c is '$' or '"' or '{' or '}' or '[' or ']' or ':' or '='
        or ',' or '+' or '#' or '`' or '^' or '?' or '!' or '@' or '*' or '&' or '\\';

    private bool AtUnquotedChar => !AtEnd && !char.IsWhiteSpace(Peek) && !IsForbiddenUnquoted(Peek) && !AtComment;

    // ---- objects ----

    /// <summary>Enters one level (an object, an array or dotted key parts) opened at <paramref name="at"/>; fails past <see cref="MaxDepth"/>.</summary>
    private void Enter(SourceSpan at, int levels = 1)
    {
        _depth += levels;
        if (_depth > MaxDepth)
            throw Fail(at, $"objects and arrays are nested more than {MaxDepth} levels deep",
                $"flatten the structure: a scenario needs a few levels, at most {MaxDepth} are read");
    }

    private HoconObject ParseObject()
    {
        var open = Here;
        Enter(open);
        Advance(); // '{'
        var obj = new HoconObject(open);
        ParseFields(obj, closer: '}', opener: open);
        _depth--;
        return obj;
    }

    /// <summary>Fields until <paramref name="closer"/> (consumed) or, at the root, the end of the text.</summary>
    private void ParseFields(HoconObject obj, char? closer, SourceSpan opener)
    {
        while (true)
        {
            SkipAll();
            if (AtEnd)
            {
                if (closer is null) return;
                throw Fail($"missing '}}' to close the object opened at line {opener.Line}, column {opener.Column}",
                    "add a '}' after its last field");
            }
            if (closer is not null && Peek == closer) { Advance(); return; }
            if (Peek == ',')
                throw Fail("unexpected ','", "remove the extra comma (fields are separated by one comma or a newline)");
            if (Peek is '}' or ']')
                throw Fail($"unexpected '{Peek}'", closer is null
                    ? "remove it: there is no open '{' or '[' for it to close"
                    : $"close the object opened at line {opener.Line}, column {opener.Column} with '}}'");
            ParseField(obj);
            SkipInline();
            if (Peek == ',') { Advance(); continue; }
            if (AtEnd || Peek == '\n' || (closer is not null && Peek == closer)) continue;
            throw Fail($"unexpected '{Peek}' after a value", "put each field on its own line or separate fields with ','");
        }
    }

    private void ParseField(HoconObject obj)
    {
        var keyAt = Here;
        var path = ParseKey();
        SkipInline();
        if (path is ["include"] && (Peek == '"' || AtUnquotedChar))
        {
            Error(keyAt, "include is not supported", "copy the included settings into this file");
            while (!AtEnd && Peek != '\n') Advance();
            return;
        }
        // a.b.c = v nests v two objects down: those levels count as braces would.
        Enter(keyAt, path.Count - 1);
        HoconValue value;
        if (Peek is '=' or ':')
        {
            Advance();
            SkipInline();
            bool onKeyLine = !AtEnd && Peek != '\n';
            SkipAll();
            if (AtEnd || Peek is '}' or ']' or ',') throw NoValue(keyAt, path);
            value = ParseValue();
            // JSON (so HOCON) lets a value start on a later line; but after "stop-at =" and a line
            // break, "nodes {" is the next field, not a value. Say the key has no value, at the key,
            // not "unexpected '{'" a line further down.
            if (!onKeyLine && value is HoconScalar)
            {
                SkipInline();
                if (Peek is '=' or ':' or '{') throw NoValue(keyAt, path);
            }
        }
        else if (Peek == '{')
        {
            value = ParseObject();
        }
        else if (Peek == '+' && PeekAt(1) == '=')
        {
            throw Fail("'+=' is not supported", $"write the whole array: {string.Join('.', path)} = [ ... ]");
        }
        else if (AtEnd || Peek == '\n')
        {
            throw NoValue(keyAt, path);
        }
        else
        {
            throw Fail($"expected '=', ':' or '{{' after key '{string.Join('.', path)}', found '{Peek}'",
                $"write {string.Join('.', path)} = <value> (quote keys or values that contain spaces or special characters)");
        }
        _depth -= path.Count - 1;
        // a.b.c = v  is  a { b { c = v } }
        for (int i = path.Count - 1; i > 0; i--)
        {
            var wrap = new HoconObject(keyAt);
            wrap.Set(path[i], keyAt, value);
            value = wrap;
        }
        obj.Set(path[0], keyAt, value);
    }

    private StopParsing NoValue(SourceSpan keyAt, List<string> path)
    {
        string key = string.Join('.', path);
        return Fail(keyAt, $"key '{key}' has no value", $"write {key} = <value>, the value on the same line as the key");
    }

    /// <summary>A key path: unquoted parts split at '.', quoted parts kept whole (<c>a."b.c"</c>).</summary>
    private List<string> ParseKey()
    {
        var start = Here;
        var parts = new List<string>();
        var current = new StringBuilder();
        bool any = false;
        while (true)
        {
            if (Peek == '"')
            {
                current.Append(ReadQuoted());
                any = true;
            }
            else if (AtUnquotedChar)
            {
                while (AtUnquotedChar)
                {
                    if (Peek == '.')
                    {
                        if (!any) throw Fail("empty part in a dotted key", "remove the extra '.' or quote the key");
                        parts.Add(current.ToString());
                        current.Clear();
                        any = false;
                    }
                    else
                    {
                        current.Append(Peek);
                        any = true;
                    }
                    Advance();
                }
            }
            else break;
        }
        if (parts.Count == 0 && !any)
        {
            if (Peek == '$') throw Fail("a key cannot start with '$'", "quote the key");
            throw Fail(start, $"expected a key, found '{(AtEnd ? "end of file" : Peek.ToString())}'",
                "write key = value (quote keys that contain special characters)");
        }
        if (!any) throw Fail("a key cannot end with '.'", "remove the trailing '.' or quote the key");
        parts.Add(current.ToString());
        return parts;
    }

    // ---- values ----

    private HoconValue ParseValue()
    {
        var at = Here;
        if (AtEnd) throw Fail("expected a value, found end of file", "write a value after '=' or ':'");
        if (Peek == '{') return ParseObject();
        if (Peek == '[') return ParseArray();
        if (Peek == '$' && PeekAt(1) == '{')
        {
            int depth = 0;
            while (!AtEnd && Peek != '\n')
            {
                if (Peek == '{') depth++;
                else if (Peek == '}' && --depth == 0) { Advance(); break; }
                Advance();
            }
            Error(at, "substitutions like ${...} are not supported", "write the value itself");
            return new HoconScalar(at, HoconScalarKind.Invalid, "", quoted: false);
        }
        return ParseSimpleConcatenation(at);
    }

    /// <summary>
    /// One or more strings on one line, joined with the whitespace between them (HOCON value
    /// concatenation): <c>100 packets</c> is the string "100 packets".
    /// </summary>
    private HoconScalar ParseSimpleConcatenation(SourceSpan at)
    {
        var sb = new StringBuilder();
        int pieces = 0;
        bool quoted = false;
        while (true)
        {
            if (Peek == '"')
            {
                if (PeekAt(1) == '"' && PeekAt(2) == '"')
                    throw Fail("triple-quoted strings are not supported", "use a single-quoted \"string\" with \\n escapes");
                sb.Append(ReadQuoted());
                quoted = true;
            }
            else if (AtUnquotedChar || Peek == ':')
            {
                sb.Append(ReadUnquoted());
            }
            else break;
            pieces++;
            // Whitespace then another piece on the same line continues the value.
            int save = _pos, saveLine = _line, saveCol = _col;
            int wsStart = _pos;
            while (Peek is ' ' or '\t') Advance();
            if (_pos > wsStart && (Peek == '"' || AtUnquotedChar))
            {
                sb.Append(_text, wsStart, _pos - wsStart);
                continue;
            }
            (_pos, _line, _col) = (save, saveLine, saveCol);
            break;
        }
        if (pieces == 0)
        {
            string found = Peek == '\n' ? "end of line" : $"'{Peek}'";
            if (IsForbiddenUnquoted(Peek))
                throw Fail($"expected a value, found {found}", "put the value in double quotes if it contains special characters");
            throw Fail($"expected a value, found {found}", "write a value after '=' or ':'");
        }
        string text = sb.ToString();
        if (pieces > 1 || quoted) return new HoconScalar(at, HoconScalarKind.String, text, quoted);
        return new HoconScalar(at, Classify(text), text, quoted: false);
    }

    private static HoconScalarKind Classify(string text)
    {
        if (text is "true" or "false") return HoconScalarKind.Boolean;
        if (text == "null") return HoconScalarKind.Null;
        return IsJsonNumber(text) ? HoconScalarKind.Number : HoconScalarKind.String;
    }

    private static bool IsJsonNumber(string s)
    {
        int i = 0;
        if (i < s.Length && s[i] == '-') i++;
        int d = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i == d) return false;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            int f = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i == f) return false;
        }
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-') i++;
            int e = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i == e) return false;
        }
        return i == s.Length;
    }

    private string ReadUnquoted()
    {
        var at = Here;
        int start = _pos;
        while (AtUnquotedChar) Advance();
        if (Peek == ':' && (_pos == start || LooksLikeIpv6Start(_text.AsSpan(start, _pos - start))))
        {
            // HOCON reads ':' as a key separator, so 2001:db8::1 cannot be unquoted. Read the
            // whole address so the message can show it quoted, and go on as if it had been.
            while (!AtEnd && (char.IsAsciiHexDigit(Peek) || Peek is ':' or '.' or '/')) Advance();
            string addr = _text[start.._pos];
            if (IpAddress.TryParse(addr, out _) || IpPrefix.TryParse(addr, out _) || LooksLikePrefix(addr))
            {
                Error(at, $"IPv6 address {addr} must be quoted: HOCON reads ':' as a separator",
                    $"write it in double quotes: \"{addr}\"");
                return addr;
            }
            throw Fail(at, $"':' is not allowed in an unquoted value ({addr})",
                "put the value in double quotes (IPv6 addresses must always be quoted)");
        }
        if (!AtEnd && IsForbiddenUnquoted(Peek) && Peek is not ('$' or '"' or '{' or '}' or '[' or ']' or ':' or '=' or ',' or '#'))
            throw Fail($"character '{Peek}' is not allowed in an unquoted value", "put the value in double quotes");
        if (Peek == '$' && PeekAt(1) == '{')
            throw Fail("substitutions like ${...} are not supported", "write the value itself");
        return _text[start.._pos];
    }

    private static bool LooksLikeIpv6Start(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
            if (!char.IsAsciiHexDigit(c)) return false;
        return s.Length <= 4;
    }

    private static bool LooksLikePrefix(string s)
    {
        int slash = s.IndexOf('/');
        return slash > 0 && IpAddress.TryParse(s.AsSpan(0, slash), out _);
    }

    private string ReadQuoted()
    {
        var at = Here;
        Advance(); // opening quote
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd || Peek == '\n')
                throw Fail(at, "unterminated string: no closing '\"' on this line", "add the closing '\"'");
            char c = Peek;
            if (c == '"') { Advance(); return sb.ToString(); }
            if (c == '\\')
            {
                var escAt = Here;
                Advance();
                char e = Peek;
                if (AtEnd) throw Fail(escAt, "unterminated string", "add the closing '\"'");
                Advance();
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 > _text.Length
                            || !ushort.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort u))
                            throw Fail(escAt, "bad \\u escape: expected four hex digits", "write \\u followed by four hex digits, e.g. \\u00b5");
                        for (int k = 0; k < 4; k++) Advance();
                        sb.Append((char)u);
                        break;
                    default:
                        throw Fail(escAt, $"unknown escape '\\{e}' in a string", "use one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
                }
                continue;
            }
            sb.Append(c);
            Advance();
        }
    }

    private HoconArray ParseArray()
    {
        var open = Here;
        Enter(open);
        Advance(); // '['
        var items = new List<HoconValue>();
        while (true)
        {
            SkipAll();
            if (AtEnd)
                throw Fail($"missing ']' to close the array opened at line {open.Line}, column {open.Column}", "add a ']' after its last element");
            if (Peek == ']')
            {
                Advance();
                _depth--;
                return new HoconArray(open, items);
            }
            if (Peek == ',') throw Fail("unexpected ','", "remove the extra comma (elements are separated by one comma or a newline)");
            if (Peek == '}')
                throw Fail("unexpected '}' inside an array", $"close the array opened at line {open.Line}, column {open.Column} with ']'");
            items.Add(ParseValue());
            SkipInline();
            if (Peek == ',') { Advance(); continue; }
            if (AtEnd || Peek is '\n' or ']') continue;
            throw Fail($"unexpected '{Peek}' after an array element",
                $"separate elements with ',' or a newline, or close the array opened at line {open.Line}, column {open.Column} with ']'");
        }
    }
}
