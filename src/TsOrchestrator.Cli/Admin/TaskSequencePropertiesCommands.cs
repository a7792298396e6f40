using System.CommandLine;
using System.Globalization;
using System.Text;
using TsOrchestrator.Cli.Commands;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Cli.Admin;

/// <summary><c>tsorch ts properties|set-properties</c>: the Properties dialog of a task sequence, from a shell.</summary>
internal static class TaskSequencePropertiesCommands
{
    private static Argument<string> Id() => new("id") { Description = "Task sequence id" };

    public static Command Show(CliConsole console)
    {
        var id = Id();
        var json = CommonOptions.Json();
        var command = new Command("properties", "Show a task sequence's properties (General, Software Center, Advanced, User Notification, Performance)") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            var properties = await AdminConnection.Connect(parse).GetTaskSequencePropertiesAsync(parse.GetValue(id)!, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), properties, Text);
        });
        return command;
    }

    public static Command Set(CliConsole console)
    {
        var id = Id();
        var json = CommonOptions.Json();
        var ifMatch = new Option<string?>("--if-match") { Description = "The ETag read earlier ('ts get ID --json'): refused with 409 when the sequence was saved since (default: the one read now)" };
        var name = new Option<string?>("--name") { Description = "Name" };
        var description = new Option<string?>("--description") { Description = "Description ('' clears it)" };
        var restartRequired = new Option<bool?>("--restart-required") { Description = "Software Center: a restart is required (true|false)" };
        var downloadSize = new Option<int?>("--download-size-mb") { Description = "Software Center: download size in MB (0 clears it)" };
        var estimatedRunTime = new Option<int?>("--estimated-run-time") { Description = "Software Center: estimated run time in minutes (0 clears it)" };
        var maxRunTime = new Option<int?>("--max-run-time") { Description = "Advanced: maximum allowed run time in minutes (0: no limit)" };
        var runFirst = new Option<string?>("--run-first") { Description = "Advanced: run another program first, PACKAGE:PROGRAM ('none' clears it)" };
        var suppress = new Option<bool?>("--suppress-notifications") { Description = "Advanced: no 'new software is available' notification (true|false)" };
        var bootImage = new Option<string?>("--boot-image") { Description = "Advanced: boot image package id ('none' clears it)" };
        var platforms = new Option<string[]>("--platform") { Description = "Advanced: runs only on OS[:VERSION[:ARCH]] (windows|linux|macos, e.g. windows:10.0.2:x64); repeatable" };
        var anyPlatform = new Option<bool>("--any-platform") { Description = "Advanced: runs on any platform (clears --platform)" };
        var highImpact = new Option<bool?>("--high-impact") { Description = "User Notification: a high-impact sequence (true|false)" };
        var customText = new Option<bool?>("--custom-text") { Description = "User Notification: use the custom texts below (true|false; high-impact only)" };
        var headline = new Option<string?>("--headline") { Description = "User Notification: the custom headline" };
        var message1 = new Option<string?>("--message1") { Description = "User Notification: the custom text's first part" };
        var message2 = new Option<string?>("--message2") { Description = "User Notification: the custom text's second part" };
        var message3 = new Option<string?>("--message3") { Description = "User Notification: the custom text's third part" };
        var powerPlan = new Option<bool?>("--high-performance-power-plan") { Description = "Performance: switch to the high-performance power plan while running (true|false)" };
        var command = new Command("set-properties", "Change a task sequence's properties; saved as its next version (hold its lock first: ts lock)")
        {
            id, ifMatch, name, description, restartRequired, downloadSize, estimatedRunTime, maxRunTime, runFirst, suppress, bootImage, platforms, anyPlatform,
            highImpact, customText, headline, message1, message2, message3, powerPlan, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(anyPlatform) && parse.GetValue(platforms) is { Length: > 0 })
            {
                throw new UsageException("--any-platform: give either --any-platform or --platform, not both");
            }

            var api = AdminConnection.Connect(parse);

            // The ETag first, then the properties: a save between the two reads is caught as stale, never overwritten.
            var etag = parse.GetValue(ifMatch) ?? (await api.GetTaskSequenceAsync(parse.GetValue(id)!, ct)).ETag;
            var current = await api.GetTaskSequencePropertiesAsync(parse.GetValue(id)!, ct);
            var advanced = current.Advanced with
            {
                MaximumRunTimeMinutes = parse.GetValue(maxRunTime) ?? current.Advanced.MaximumRunTimeMinutes,
                RunAnotherProgramFirst = parse.GetValue(runFirst) is { } first ? RunFirst(first) : current.Advanced.RunAnotherProgramFirst,
                SuppressNotifications = parse.GetValue(suppress) ?? current.Advanced.SuppressNotifications,
                BootImageId = parse.GetValue(bootImage) is { } image ? (IsNone(image) ? null : image) : current.Advanced.BootImageId,
            };
            if (parse.GetValue(anyPlatform))
            {
                advanced = advanced with { RunOnAnyPlatform = true, Platforms = [] };
            }
            else if (parse.GetValue(platforms) is { Length: > 0 } restricted)
            {
                advanced = advanced with { RunOnAnyPlatform = false, Platforms = [.. restricted.Select(Platform)] };
            }

            var changed = current with
            {
                Name = parse.GetValue(name) ?? current.Name,
                Description = parse.GetValue(description) is { } text ? (text.Length == 0 ? null : text) : current.Description,
                SoftwareCenter = current.SoftwareCenter with
                {
                    RestartRequired = parse.GetValue(restartRequired) ?? current.SoftwareCenter.RestartRequired,
                    DownloadSizeMb = parse.GetValue(downloadSize) is { } size ? (size == 0 ? null : size) : current.SoftwareCenter.DownloadSizeMb,
                    EstimatedRunTimeMinutes = parse.GetValue(estimatedRunTime) is { } minutes ? (minutes == 0 ? null : minutes) : current.SoftwareCenter.EstimatedRunTimeMinutes,
                },
                Advanced = advanced,
                UserNotification = current.UserNotification with
                {
                    HighImpact = parse.GetValue(highImpact) ?? current.UserNotification.HighImpact,
                    UseCustomText = parse.GetValue(customText) ?? current.UserNotification.UseCustomText,
                    Headline = parse.GetValue(headline) ?? current.UserNotification.Headline,
                    Message1 = parse.GetValue(message1) ?? current.UserNotification.Message1,
                    Message2 = parse.GetValue(message2) ?? current.UserNotification.Message2,
                    Message3 = parse.GetValue(message3) ?? current.UserNotification.Message3,
                },
                Performance = current.Performance with
                {
                    UseHighPerformancePowerPlan = parse.GetValue(powerPlan) ?? current.Performance.UseHighPerformancePowerPlan,
                },
            };
            if (changed == current)
            {
                // Unchanged options keep the very same objects, so record equality finds "nothing given" without listing the options.
                throw new UsageException("set-properties: give at least one property to change (see 'tsorch ts set-properties --help')");
            }

            var saved = await api.SetTaskSequencePropertiesAsync(parse.GetValue(id)!, changed, etag, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), saved, s =>
                $"saved the properties of {s.Summary.Id} '{s.Summary.Name}' as version {s.Summary.Version}");
        });
        return command;
    }

    private static bool IsNone(string value) => value.Equals("none", StringComparison.OrdinalIgnoreCase);

    private static RunFirstProgram? RunFirst(string value)
    {
        if (IsNone(value))
        {
            return null;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < value.Length - 1
            ? new RunFirstProgram { PackageId = value[..colon], ProgramName = value[(colon + 1)..] }
            : throw new UsageException($"--run-first '{value}': expected PACKAGE:PROGRAM or none");
    }

    private static SupportedPlatform Platform(string value)
    {
        var parts = value.Split(':');
        return parts.Length <= 3 && parts[0].Length > 0
            ? new SupportedPlatform
            {
                Os = parts[0].ToLowerInvariant(),
                Version = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null,
                Architecture = parts.Length > 2 && parts[2].Length > 0 ? parts[2].ToLowerInvariant() : null,
            }
            : throw new UsageException($"--platform '{value}': expected OS[:VERSION[:ARCH]], e.g. windows:10.0.2:x64");
    }

    private static string Text(TaskSequenceProperties p)
    {
        static string YesNo(bool value) => value ? "yes" : "no";
        var a = p.Advanced;
        var n = p.UserNotification;
        var lines = new StringBuilder();
        lines.AppendLine(CultureInfo.InvariantCulture, $"name: {p.Name}");
        lines.AppendLine(CultureInfo.InvariantCulture, $"description: {p.Description}");
        lines.AppendLine(CultureInfo.InvariantCulture, $"restart required: {YesNo(p.SoftwareCenter.RestartRequired)}");
        lines.AppendLine(CultureInfo.InvariantCulture, $"download size: {(p.SoftwareCenter.DownloadSizeMb is { } mb ? $"{mb} MB" : "")}");
        lines.AppendLine(CultureInfo.InvariantCulture, $"estimated run time: {(p.SoftwareCenter.EstimatedRunTimeMinutes is { } est ? $"{est} minutes" : "")}");
        lines.AppendLine(CultureInfo.InvariantCulture, $"maximum run time: {(a.MaximumRunTimeMinutes == 0 ? "no limit" : $"{a.MaximumRunTimeMinutes} minutes")}");
        lines.AppendLine(CultureInfo.InvariantCulture, $"run first: {(a.RunAnotherProgramFirst is { } first ? $"{first.PackageId}:{first.ProgramName}" : "none")}");
        lines.AppendLine(CultureInfo.InvariantCulture, $"suppress notifications: {YesNo(a.SuppressNotifications)}");
        lines.AppendLine(CultureInfo.InvariantCulture, $"boot image: {a.BootImageId ?? "none"}");
        lines.AppendLine(CultureInfo.InvariantCulture, $"platforms: {(a.RunOnAnyPlatform ? "any" : string.Join(", ", a.Platforms.Select(PlatformText)))}");
        lines.AppendLine(CultureInfo.InvariantCulture, $"high impact: {YesNo(n.HighImpact)}{(n.UseCustomText ? $", custom text '{n.Headline}'" : "")}");
        lines.Append(CultureInfo.InvariantCulture, $"high-performance power plan: {YesNo(p.Performance.UseHighPerformancePowerPlan)}");
        return lines.ToString();
    }

    private static string PlatformText(SupportedPlatform p) => string.Join(":", new[] { p.Os, p.Version ?? "", p.Architecture ?? "" }).TrimEnd(':');
}
