using System.Globalization;
using TsOrchestrator.Bench;

// dotnet run -c Release --project tools/TsOrchestrator.Bench -- engine [--steps 1000,10000] [--quick]
// dotnet run -c Release --project tools/TsOrchestrator.Bench -- store [--transitions 3000] [--postgres]
// dotnet run -c Release --project tools/TsOrchestrator.Bench -- fleet [--agents 5000] [--ramp 60] [--think-ms 500] [--postgres]
// dotnet run -c Release --project tools/TsOrchestrator.Bench -- notify [--agents 1000] [--connected 5000] [--baseline-interval 10]
// dotnet run -c Release --project tools/TsOrchestrator.Bench -- content [--megabytes 256]
// dotnet run -c Release --project tools/TsOrchestrator.Bench -- exchange [--size-mb 1024]
// dotnet run -c Release --project tools/TsOrchestrator.Bench -- osd [--runs 3] [--payload-mb 100] [--format tar.zst|tar] [--boot-image DIR] [--json FILE]
const string Usage = "usage: TsOrchestrator.Bench engine [--steps 1000,10000] [--quick] | store [--transitions 3000] [--postgres] | fleet [--agents 5000] [--ramp 60] [--think-ms 500] [--postgres] | notify [--agents 1000] [--connected 5000] [--baseline-interval 10] | content [--megabytes 256] | exchange [--size-mb 1024] | osd [--runs 3] [--payload-mb 100] [--format tar.zst|tar] [--boot-image DIR] [--json FILE]";

if (args.Length > 0 && args[0] == "osd")
{
    var runs = 3;
    var payload = 100;
    var format = TsOrchestrator.Bench.Osd.OsdImageFormat.TarZstd;
    var bootImage = Environment.GetEnvironmentVariable("TSORCH_BOOT_IMAGE") is { Length: > 0 } fromEnvironment ? Path.GetFullPath(fromEnvironment) : null;
    string? json = null;
    for (var i = 1; i < args.Length; i++)
    {
        var value = i + 1 < args.Length ? args[i + 1] : null;
        switch (args[i])
        {
            case "--runs" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r >= 1:
                runs = r;
                break;
            case "--payload-mb" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 600:
                payload = p;
                break;
            case "--format" when value is "tar" or "tar.zst":
                format = value == "tar" ? TsOrchestrator.Bench.Osd.OsdImageFormat.Tar : TsOrchestrator.Bench.Osd.OsdImageFormat.TarZstd;
                break;
            case "--boot-image" when value is not null:
                bootImage = Path.GetFullPath(value);
                break;
            case "--json" when value is not null:
                json = value;
                break;
            default:
                Console.Error.WriteLine($"'{args[i]}' is not an osd option with a valid value (--runs ≥ 1, --payload-mb 1-600, --format tar.zst|tar)\n{Usage}");
                return 2;
        }

        i++;
    }

    return await TsOrchestrator.Bench.Osd.OsdBenchmark.RunAsync(new TsOrchestrator.Bench.Osd.OsdOptions(runs, payload, format, bootImage, json), Console.Out);
}

if (args.Length > 0 && args[0] == "content")
{
    var megabytes = args.Length == 3 && args[1] == "--megabytes" && int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m >= 16 ? m : 256;
    return await ContentBenchmark.RunAsync(megabytes, Console.Out);
}

if (args.Length > 0 && args[0] == "exchange")
{
    var megabytes = args.Length == 3 && args[1] == "--size-mb" && int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m >= 16 ? m : 1_024;
    return await ExchangeBenchmark.RunAsync(megabytes, Console.Out);
}

if (args.Length > 0 && args[0] == "store")
{
    var at = Array.IndexOf(args, "--transitions");
    var transitions = at > 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 100 ? n : 3_000;
    return await StoreBenchmark.RunAsync(transitions, args.Contains("--postgres"), Console.Out);
}

if (args.Length > 0 && args[0] == "fleet")
{
    int Option(string name, int fallback, int min)
    {
        var at = Array.IndexOf(args, name);
        return at > 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min ? v : fallback;
    }

    return await TsOrchestrator.Bench.Fleet.FleetBenchmark.RunAsync(
        Option("--agents", 5_000, 1), TimeSpan.FromSeconds(Option("--ramp", 60, 0)), TimeSpan.FromMilliseconds(Option("--think-ms", 500, 0)),
        args.Contains("--postgres"), Console.Out);
}

if (args.Length > 0 && args[0] == "notify")
{
    int Option(string name, int fallback, int min)
    {
        var at = Array.IndexOf(args, name);
        return at > 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min ? v : fallback;
    }

    var agents = Option("--agents", 1_000, 1);
    return await TsOrchestrator.Bench.Notify.NotifyBenchmark.RunAsync(
        agents, Math.Max(agents, Option("--connected", 5_000, 1)), TimeSpan.FromSeconds(Option("--baseline-interval", 10, 1)), Console.Out);
}

if (args.Length == 0 || args[0] != "engine")
{
    Console.Error.WriteLine(Usage);
    return 2;
}

int[] steps = [1_000, 10_000];
var quick = false;
for (var i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick":
            quick = true;
            break;
        case "--steps" when i + 1 < args.Length:
            var parsed = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 10 ? n : -1)
                .ToArray();
            if (parsed.Length == 0 || parsed.Contains(-1))
            {
                Console.Error.WriteLine($"--steps takes comma-separated step counts of at least 10\n{Usage}");
                return 2;
            }

            steps = parsed;
            break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'\n{Usage}");
            return 2;
    }
}

return EngineBenchmark.Run(BenchSettings.For(steps, quick), Console.Out);
