namespace ActorNet.Engine.Results;

/// <summary>A file of the run folder could not be written, moved or removed; the message names it.</summary>
public sealed class RunFolderException(string path, Exception inner)
    : IOException($"cannot write {path}: {inner.Message}", inner)
{
    public string Path { get; } = path;
}
