using System.CommandLine;
using System.Globalization;
using System.Text;
using TsOrchestrator.Cli.Commands;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Cli.Output;
using TsOrchestrator.Contracts.PhasedDeployments;

namespace TsOrchestrator.Cli.Admin;

/// <summary><c>tsorch phased create|list|show|next|suspend|resume|delete</c>: a sequence rolled out collection by collection.</summary>
internal static class PhasedCommands
{
    private static readonly string[] BeginValues = ["Automatic", "Manual"];
    private static readonly string[] PurposeValues = ["Required", "Available"];

    public static Command Create(CliConsole console) => new("phased", "Phased deployments on the server")
    {
        CreatePhased(console), List(console), Show(console),
        Move(console, "next", "Begin the next phase now, whatever the current phase's criteria", (api, id, ct) => api.MovePhasedDeploymentToNextPhaseAsync(id, ct)),
        Move(console, "suspend", "Suspend: the current phase's deployment starts nothing until resumed", (api, id, ct) => api.SuspendPhasedDeploymentAsync(id, ct)),
        Move(console, "resume", "Resume a suspended (or halted) phased deployment", (api, id, ct) => api.ResumePhasedDeploymentAsync(id, ct)),
        Delete(console),
    };

    private static Command Delete(CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "Phased deployment id" };
        var json = CommonOptions.Json();
        var command = new Command("delete", "Delete a phased deployment with every phase's deployment") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            await AdminConnection.Connect(parse).DeletePhasedDeploymentAsync(parse.GetValue(id)!, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), new DeletedReport(parse.GetValue(id)!), d => $"deleted {d.Deleted}");
        });
        return command;
    }

    private static Command CreatePhased(CliConsole console)
    {
        var sequence = new Option<string>("--sequence") { Description = "Task sequence id", Required = true };
        var phases = new Option<string[]>("--phase")
        {
            Description = "A phase, in order: COLLECTION[,success=95][,begin=Automatic|Manual][,deferral=1][,purpose=Required|Available][,gradual=0][,deadline=7] (days; deadline 0 = as soon as possible)",
            Required = true, AllowMultipleArgumentsPerToken = false,
        };
        var name = new Option<string?>("--name") { Description = "Name (default: the sequence's name and 'phased')" };
        var halt = new Option<int?>("--halt-failure-percent") { Description = "Suspend by itself when more than this percentage of the current phase's devices failed" };
        var confirm = new Option<bool>("--confirm-high-risk") { Description = "Confirm required high-impact phases the site's high-risk settings ask confirmation for" };
        var json = CommonOptions.Json();
        var command = new Command("create", "Create a phased deployment of two or more phases; the first begins at once") { sequence, phases, name, halt, confirm, json };
        command.SetAction(async (parse, ct) =>
        {
            var request = new CreatePhasedDeploymentRequest
            {
                SequenceId = parse.GetValue(sequence), Name = parse.GetValue(name), HaltFailurePercent = parse.GetValue(halt), ConfirmHighRisk = parse.GetValue(confirm),
                Phases = [.. (parse.GetValue(phases) ?? []).Select(ParsePhase)],
            };
            var created = await AdminConnection.Connect(parse).CreatePhasedDeploymentAsync(request, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), created, p => $"created {p.Id}: {p.SequenceId} in {p.Phases.Count} phases, phase 1 began as {p.Phases[0].DeploymentId}");
        });
        return command;
    }

    private static Command List(CliConsole console)
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "List phased deployments") { json };
        command.SetAction(async (parse, ct) =>
            await AdminOutput.ListAsync(console, parse.GetValue(json), await AdminConnection.Connect(parse).ListPhasedDeploymentsAsync(ct),
                ["ID", "NAME", "SEQUENCE", "STATUS", "PHASE", "REASON"],
                p => [p.Id, p.Name, p.SequenceId, p.Status, $"{p.CurrentPhase} of {p.Phases.Count}", p.SuspendReason]));
        return command;
    }

    private static Command Show(CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "Phased deployment id" };
        var json = CommonOptions.Json();
        var command = new Command("show", "Show a phased deployment with each phase's figures") { id, json };
        command.SetAction(async (parse, ct) =>
            await AdminOutput.ItemAsync(console, parse.GetValue(json), await AdminConnection.Connect(parse).GetPhasedDeploymentAsync(parse.GetValue(id)!, ct), Describe));
        return command;
    }

    private static Command Move(CliConsole console, string name, string description,
        Func<Contracts.Admin.IAdminApi, string, CancellationToken, Task<PhasedDeploymentInfo>> call)
    {
        var id = new Argument<string>("id") { Description = "Phased deployment id" };
        var json = CommonOptions.Json();
        var command = new Command(name, description) { id, json };
        command.SetAction(async (parse, ct) => await AdminOutput.ItemAsync(console, parse.GetValue(json), await call(AdminConnection.Connect(parse), parse.GetValue(id)!, ct), Describe));
        return command;
    }

    private static string Describe(PhasedDeploymentInfo p)
    {
        var text = new StringBuilder($"{p.Id}: '{p.Name}' ({p.SequenceId}) {p.Status}, phase {p.CurrentPhase} of {p.Phases.Count}");
        if (p.HaltFailurePercent is { } halt)
        {
            text.Append($", halts above {halt}% failed");
        }

        text.Append(p.SuspendReason is { } reason ? $"; {reason}" : "");
        foreach (var phase in p.Phases)
        {
            var deadline = phase.Purpose != "Required" ? "" : phase.DeadlineDays == 0 ? ", deadline as soon as possible" : $", deadline after {phase.DeadlineDays} d";
            text.AppendLine().Append(string.Create(CultureInfo.InvariantCulture,
                $"  phase {phase.Number}  {phase.CollectionId}  {phase.Purpose}  {phase.DeploymentId ?? "not begun"}  {phase.Succeeded}/{phase.Devices} succeeded ({phase.SucceededPercent}%), {phase.Failed} failed ({phase.FailedPercent}%)  criteria {phase.SuccessPercent}%{(phase.CriteriaMetAt is null ? "" : " met")}, next {phase.BeginNext}{(phase.BeginNext == "Automatic" ? $" after {phase.DeferralDays} d" : "")}{(phase.GradualDays > 0 ? $", gradual over {phase.GradualDays} d" : "")}{deadline}"));
        }

        return text.ToString();
    }

    /// <summary><c>COLLECTION[,key=value...]</c>; an unknown key or a value that is not a number is named.</summary>
    private static PhaseSettings ParsePhase(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var phase = new PhaseSettings { CollectionId = parts[0] };
        foreach (var part in parts.Skip(1))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var (key, value) = equals > 0 ? (part[..equals].ToLowerInvariant(), part[(equals + 1)..]) : throw new UsageException($"--phase '{text}': '{part}' is not key=value");
            phase = key switch
            {
                "success" => phase with { SuccessPercent = Number(text, key, value) },
                "begin" => phase with { BeginNext = Among(text, key, value, BeginValues) },
                "deferral" => phase with { DeferralDays = Number(text, key, value) },
                "purpose" => phase with { Purpose = Among(text, key, value, PurposeValues) },
                "gradual" => phase with { GradualDays = Number(text, key, value) },
                "deadline" => phase with { DeadlineDays = Number(text, key, value) },
                _ => throw new UsageException($"--phase '{text}': unknown setting '{key}' (success, begin, deferral, purpose, gradual, deadline)"),
            };
        }

        return phase;
    }

    private static string Among(string text, string key, string value, string[] allowed) =>
        allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"--phase '{text}': {Choices.Expected(key, value, allowed)}");

    private static int Number(string text, string key, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : throw new UsageException($"--phase '{text}': {key} '{value}' is not a whole number");
}
