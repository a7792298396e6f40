using System.Diagnostics;
using System.Text;

namespace TsOrchestrator.Bench.Osd;

/// <summary>
/// Follows the serial console file QEMU writes and stamps each line with the host's clock as it appears (polled every
/// 20 ms): the only clock that spans the firmware, both boots and the agent. Kernel and init lines carry no wall time
/// of their own, and the guest's clock restarts with each boot.
/// </summary>
internal sealed class ConsoleTimeline : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    private readonly string _path;
    private readonly Stopwatch _clock;
    private readonly TimeSpan _poweredOn;
    private readonly List<ConsoleLine> _lines = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _follow;
    private readonly StringBuilder _partial = new();

    // A character split across two reads is kept for the next one.
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();

    public ConsoleTimeline(string path, Stopwatch clock, TimeSpan poweredOn)
    {
        _path = path;
        _clock = clock;
        _poweredOn = poweredOn;
        _follow = FollowAsync();
    }

    public IReadOnlyList<ConsoleLine> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    private async Task FollowAsync()
    {
        long offset = 0;
        var buffer = new byte[1 << 16];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        while (!_stop.IsCancellationRequested)
        {
            if (File.Exists(_path))
            {
                await using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                file.Seek(offset, SeekOrigin.Begin);
                int read;
                while ((read = await file.ReadAsync(buffer)) > 0)
                {
                    offset += read;
                    var count = _decoder.GetChars(buffer, 0, read, chars, 0);
                    Append(chars.AsSpan(0, count), _clock.Elapsed - _poweredOn);
                }
            }

            try
            {
                await Task.Delay(Poll, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Append(ReadOnlySpan<char> text, TimeSpan at)
    {
        foreach (var c in text)
        {
            if (c == '\n')
            {
                lock (_lines)
                {
                    _lines.Add(new ConsoleLine(at, _partial.ToString().Replace("\r", "", StringComparison.Ordinal)));
                }

                _partial.Clear();
            }
            else
            {
                _partial.Append(c);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _follow;
        _stop.Dispose();
    }
}
