namespace ActorNet.Results;

/// <summary>A file of the run folder could not be written, moved or removed; the message names it.</summary>
public sealed class RunFolderException : IOException
{
    public RunFolderException(string path, Exception inner) : base($"cannot write {path}: {inner.Message}", inner) => Path = path;

    public RunFolderException(string path, string reason) : base($"cannot write {path}: {reason}") => Path = path;

    public string Path { get; }
}
