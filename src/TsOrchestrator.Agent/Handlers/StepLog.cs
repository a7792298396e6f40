using System.Text;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// A step's log: every line goes to the step's log file in the state folder (kept across restarts), and the last
/// lines are kept in memory for the failure message the server shows.
/// </summary>
internal sealed class StepLog : IDisposable
{
    private const int TailLines = 20;
    private readonly Lock _gate = new();
    private readonly StreamWriter _file;
    private readonly Queue<string> _tail = new();

    private readonly Action<string>? _sink;
    private readonly Func<string, string>? _mask;

    /// <param name="path">The log file, appended to.</param>
    /// <param name="sink">Also gets every line (the live upload to the server).</param>
    /// <param name="mask">Masks the step's secret values in every line before it is written anywhere.</param>
    public StepLog(string path, Action<string>? sink = null, Func<string, string>? mask = null)
    {
        _sink = sink;
        _mask = mask;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        Path = path;
        _file = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { AutoFlush = true };
    }

    public string Path { get; }

    public void Line(string line)
    {
        line = _mask?.Invoke(line) ?? line;
        lock (_gate)
        {
            _file.WriteLine(line);
            _sink?.Invoke(line);
            _tail.Enqueue(line);
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }

    /// <summary>The last lines written, for a failure message.</summary>
    public string Tail()
    {
        lock (_gate)
        {
            return string.Join('\n', _tail);
        }
    }

    public void Dispose() => _file.Dispose();
}
