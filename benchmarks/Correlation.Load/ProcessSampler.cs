using System.Diagnostics;
using System.Globalization;

namespace Correlation.Load;

/// <summary>
/// CPU and memory of each process that takes part (the host, the harness, RabbitMQ's beam, redis-server,
/// Alertmanager), read from /proc once a second, and the whole machine's CPU from /proc/stat, so that what
/// other work took from the shared cores meanwhile is in the report too.
/// </summary>
internal sealed class ProcessSampler : IAsyncDisposable
{
    /// <summary>Linux' USER_HZ: /proc counts CPU time in hundredths of a second.</summary>
    private const double TicksPerSecond = 100;

    private readonly Dictionary<string, int> _pids = new(StringComparer.Ordinal);
    private readonly List<Sample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ProcessSampler() => _loop = Task.Run(LoopAsync);

    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_samples)
            {
                return [.. _pids.Keys];
            }
        }
    }

    public void Watch(string name, int pid)
    {
        lock (_samples)
        {
            _pids[name] = pid;
        }
    }

    public int? Pid(string name)
    {
        lock (_samples)
        {
            return _pids.TryGetValue(name, out var pid) ? pid : null;
        }
    }

    public void Forget(string name)
    {
        lock (_samples)
        {
            _pids.Remove(name);
        }
    }

    private sealed record Sample(long At, IReadOnlyDictionary<string, (long CpuTicks, long RssKb)> Processes, long MachineBusy, long MachineTotal);

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            Take();
        }
        while (await WaitAsync(timer));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Takes a sample now (also at each step's edges, so that short steps are measured over their own span).</summary>
    public void Take()
    {
        Dictionary<string, int> pids;
        lock (_samples)
        {
            pids = new Dictionary<string, int>(_pids, StringComparer.Ordinal);
        }

        var processes = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        foreach (var (name, pid) in pids)
        {
            if (Read(pid) is { } read)
            {
                processes[name] = read;
            }
        }

        var (busy, total) = Machine();
        lock (_samples)
        {
            _samples.Add(new Sample(Stopwatch.GetTimestamp(), processes, busy, total));
        }
    }

    /// <summary>Per process: CPU as % of one core and peak RSS (MiB) between two instants; the machine's busy % of all cores.</summary>
    public Usage Between(long from, long to)
    {
        List<Sample> window;
        lock (_samples)
        {
            window = [.. _samples.Where(s => s.At >= from && s.At <= to)];
        }

        var result = new Dictionary<string, (double CpuPercent, double PeakRssMb)>(StringComparer.Ordinal);
        if (window.Count < 2)
        {
            return new Usage(result, 0, 0);
        }

        var first = window[0];
        var last = window[^1];
        var seconds = Ledger.Seconds(last.At - first.At);
        foreach (var name in last.Processes.Keys)
        {
            if (!first.Processes.TryGetValue(name, out var start))
            {
                continue;
            }

            var cpu = (last.Processes[name].CpuTicks - start.CpuTicks) / TicksPerSecond / seconds * 100;
            var peak = window.Where(s => s.Processes.ContainsKey(name)).Max(s => s.Processes[name].RssKb) / 1024.0;
            result[name] = (cpu, peak);
        }

        var machineTotal = last.MachineTotal - first.MachineTotal;
        var machine = machineTotal == 0 ? 0 : 100.0 * (last.MachineBusy - first.MachineBusy) / machineTotal;
        return new Usage(result, machine, seconds);
    }

    private static (long CpuTicks, long RssKb)? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After the command: state is field 3, utime 14 and stime 15 (man 5 proc).
            var cpu = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            long rss = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = long.Parse(line.AsSpan(6).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture);
                    break;
                }
            }

            return (cpu, rss);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static (long Busy, long Total) Machine()
    {
        var line = File.ReadLines("/proc/stat").First();
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = values.Sum();
        // idle and iowait are not busy.
        return (total - values[3] - values[4], total);
    }

    /// <summary>The process listening on TCP <paramref name="port"/> on this machine (RabbitMQ's beam, redis-server), if any.</summary>
    public static int? ListenerOf(int port)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // local_address is "ADDR:PORT" in hex; state 0A is LISTEN; the inode is the tenth column.
                if (cells.Length > 9 && cells[3] == "0A"
                    && int.Parse(cells[1][(cells[1].IndexOf(':', StringComparison.Ordinal) + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    inodes.Add($"socket:[{cells[9]}]");
                }
            }
        }

        if (inodes.Count == 0)
        {
            return null;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(dir, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget is { } target && inodes.Contains(target))
                    {
                        return pid;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // a process that went away, or one we may not look into
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}

/// <summary>CPU (% of one core) and peak RSS (MiB) per process over a span, and the machine's busy % of all its cores.</summary>
internal sealed record Usage(IReadOnlyDictionary<string, (double CpuPercent, double PeakRssMb)> Processes, double MachinePercent, double Seconds);
