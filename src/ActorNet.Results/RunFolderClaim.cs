using System.Text.Json;
using ActorNet.Engine;

namespace ActorNet.Results;

/// <summary>
/// A run's exclusive hold on its folder, from before the first file is written until it is
/// disposed: the folder's .lock file, opened with FileShare.None. On Linux .NET takes that as an
/// flock(2) exclusive lock on the open file, which conflicts with any other open of the file (in
/// this process or another) and which the kernel drops when the process ends, however it ends. So
/// a folder left by a killed run is not "in use", though its .lock file is still there.
/// <para>
/// What a folder may be claimed for: it does not exist, is empty, or holds a run (status.json
/// with a status a run writes). A finished or killed run is discarded only when asked (replace);
/// anything else that is not empty is never touched. The .lock file is never deleted: unlinking a
/// lock file lets a second run lock a new file of the same name while a third still holds the old.
/// </para>
/// </summary>
public sealed class RunFolderClaim : IDisposable
{
    public const string LockFileName = ".lock";

    private static readonly string[] RunStatuses = ["running", "completed", "failed", "interrupted"];

    private readonly FileStream _lock;

    private RunFolderClaim(string folder, FileStream lockFile) => (Folder, _lock) = (folder, lockFile);

    public string Folder { get; }

    /// <summary>Claims <paramref name="folder"/> (a full path), or returns null and says why not. Never throws for I/O.</summary>
    public static RunFolderClaim? TryClaim(string folder, bool replace, out RunFolderRefusal? refusal)
    {
        refusal = null;
        if (File.Exists(folder))
        {
            refusal = new($"run folder {folder} is a file", "pass --out a folder that does not exist yet, or an empty one");
            return null;
        }
        // Looked at before the lock file is made, so that a folder we refuse is left exactly as it was.
        if (Directory.Exists(folder) && Inspect(folder) is { Kind: ContentKind.Other })
        {
            refusal = NotARunFolder(folder);
            return null;
        }

        FileStream lockFile;
        string lockPath = Path.Combine(folder, LockFileName);
        try
        {
            Directory.CreateDirectory(folder);
            lockFile = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        // The lock refused: a plain IOException (not FileNotFound, DirectoryNotFound, PathTooLong)
        // on a file that exists. Permission problems are UnauthorizedAccessException.
        catch (IOException e) when (e.GetType() == typeof(IOException) && File.Exists(lockPath))
        {
            refusal = new($"run folder {folder} is in use by another run", "wait for that run to end, or pass another --out");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            refusal = new($"cannot create run folder {folder}: {e.Message}", "pass --out a folder you can write to");
            return null;
        }

        // Looked at again under the lock: another run may have finished in it meanwhile.
        var content = Inspect(folder);
        refusal = content.Kind switch
        {
            ContentKind.Other => NotARunFolder(folder),
            ContentKind.Run when !replace && content.Status == "running" => new(
                $"run folder {folder} holds a run that never finished (status running, and no process holds the folder: it was killed)",
                "pass --replace to discard it, or another --out"),
            ContentKind.Run when !replace => new(
                $"run folder {folder} already holds a finished run (status {content.Status})", "pass --replace to discard it, or another --out"),
            _ => null,
        };
        if (refusal is null && content.Kind == ContentKind.Run) refusal = Clear(folder);
        if (refusal is null) return new RunFolderClaim(folder, lockFile);
        lockFile.Dispose();
        return null;
    }

    public void Dispose() => _lock.Dispose();

    private static RunFolderRefusal NotARunFolder(string folder) => new(
        $"run folder {folder} exists and is not empty, and is not a run folder (no status.json written by a run)",
        "pass another --out; --replace only replaces a run folder");

    private enum ContentKind { Empty, Run, Other }

    private readonly record struct Content(ContentKind Kind, string? Status = null);

    private static Content Inspect(string folder)
    {
        if (!Directory.EnumerateFileSystemEntries(folder).Any(e => Path.GetFileName(e) != LockFileName)) return new(ContentKind.Empty);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, RunFolderWriter.StatusFileName)));
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("status", out var s)
                && s.ValueKind == JsonValueKind.String && RunStatuses.Contains(s.GetString()))
                return new(ContentKind.Run, s.GetString());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
        }
        return new(ContentKind.Other);
    }

    /// <summary>Deletes everything of the old run but the lock file (which this run now holds).</summary>
    private static RunFolderRefusal? Clear(string folder)
    {
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(folder).Where(e => Path.GetFileName(e) != LockFileName).ToList())
            {
                // A link is removed, never followed: File.Delete on a link to a folder removes the link.
                if (Directory.Exists(entry) && !new DirectoryInfo(entry).Attributes.HasFlag(FileAttributes.ReparsePoint)) Directory.Delete(entry, recursive: true);
                else File.Delete(entry);
            }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new($"cannot discard the run in {folder}: {e.Message}", "delete that folder yourself, or pass another --out");
        }
    }
}

/// <summary>Why a run folder cannot be used, and what to do about it.</summary>
public sealed record RunFolderRefusal(string Problem, string Fix);
