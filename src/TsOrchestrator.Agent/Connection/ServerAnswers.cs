using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.StateMigration;

namespace TsOrchestrator.Agent.Connection;

/// <summary>
/// What the agent accepts from the server, checked once where answers come in (<see cref="CheckedAgentApi"/>): the
/// generated JSON reader lets <c>null</c> through for required fields and list entries, and ids become file names.
/// Each check names the field, so the refusal in the agent's log says what the server got wrong.
/// </summary>
internal static class ServerAnswers
{
    /// <summary>More entries than any real answer holds (a package of 100,000 files is already an outlier).</summary>
    public const int MaxEntries = 1_000_000;

    public static RegisterDeviceResponse Check(RegisterDeviceResponse? answer)
    {
        var registered = Present(answer, "register");
        Id(registered.DeviceId, "deviceId");
        Text(registered.DeviceKey, "deviceKey");
        return registered;
    }

    public static SiteProofResponse Check(SiteProofResponse? answer)
    {
        Text(Present(answer, "site proof").Proof, "proof");
        return answer!;
    }

    public static CheckInResponse Check(CheckInResponse? answer)
    {
        var checkIn = Present(answer, "check-in");
        var offers = List(checkIn.Offers, "offers");
        for (var i = 0; i < offers.Count; i++)
        {
            var offer = Present(offers[i], $"offers[{i}]");
            Id(offer.DeploymentId, $"offers[{i}].deploymentId");
            Id(offer.SequenceId, $"offers[{i}].sequenceId");
            Text(offer.Name, $"offers[{i}].name");
            if (offer.Notification is { } notice)
            {
                Text(notice.Headline, $"offers[{i}].notification.headline");
                var messages = List(notice.Messages, $"offers[{i}].notification.messages");
                for (var m = 0; m < messages.Count; m++)
                {
                    _ = messages[m] ?? throw Refused($"offers[{i}].notification.messages[{m}] is null");
                }
            }
        }

        if (checkIn.ActiveRunId is not null)
        {
            Id(checkIn.ActiveRunId, "activeRunId");
        }

        return checkIn;
    }

    public static StartRunResponse Check(StartRunResponse? answer)
    {
        Id(Present(answer, "start").RunId, "runId");
        return answer!;
    }

    /// <summary>A run's status must be about the run asked for: an answer for another run is not this run's.</summary>
    public static AgentRunStatus Check(AgentRunStatus? answer, string runId)
    {
        var status = Present(answer, "run");
        if (!string.Equals(Id(status.RunId, "runId"), runId, StringComparison.OrdinalIgnoreCase))
        {
            throw Refused($"runId '{ServerId.Printable(status.RunId)}' is not the run asked for ({runId})");
        }

        Text(status.Status, "status");
        if (status.WorkItem is { } item)
        {
            Id(item.Id, "workItem.id");
            Text(item.Kind, "workItem.kind");
            Text(item.Path, "workItem.path");
            Text(item.Name, "workItem.name");
            Map(item.Settings, "workItem.settings");
            List(item.SuccessCodes, "workItem.successCodes");
            if (item.Variables is not null)
            {
                Map(item.Variables, "workItem.variables");
            }

            if (item.Attempt < 1)
            {
                throw Refused($"workItem.attempt {item.Attempt} is not 1 or more");
            }

            if (item.TimeoutMinutes is < 0)
            {
                throw Refused($"workItem.timeoutMinutes {item.TimeoutMinutes} is negative");
            }
        }

        return status;
    }

    public static ContentLocation Check(ContentLocation? answer, string packageId)
    {
        var location = Present(answer, "content location");
        if (!string.Equals(Id(location.PackageId, "packageId"), packageId, StringComparison.OrdinalIgnoreCase))
        {
            throw Refused($"packageId '{ServerId.Printable(location.PackageId)}' is not the package asked for ({packageId})");
        }

        Text(location.Name, "name");
        var files = List(location.Files, "files");
        for (var i = 0; i < files.Count; i++)
        {
            var file = Present(files[i], $"files[{i}]");
            Text(file.Path, $"files[{i}].path");
            if (!ContentHash.IsValid(file.Hash))
            {
                throw Refused($"files[{i}].hash '{ServerId.Printable(file.Hash)}' is not a content hash");
            }

            if (file.Size < 0)
            {
                throw Refused($"files[{i}].size {file.Size} is negative");
            }
        }

        var programs = List(location.Programs, "programs");
        for (var i = 0; i < programs.Count; i++)
        {
            var program = Present(programs[i], $"programs[{i}]");
            Text(program.Name, $"programs[{i}].name");
            _ = program.CommandLine ?? throw Refused($"programs[{i}].commandLine is null");
        }

        var sources = List(location.DistributionPoints, "distributionPoints");
        for (var i = 0; i < sources.Count; i++)
        {
            var source = Present(sources[i], $"distributionPoints[{i}]");
            Text(source.DistributionPointId, $"distributionPoints[{i}].distributionPointId");
            if (!Uri.TryCreate(source.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                throw Refused($"distributionPoints[{i}].url '{ServerId.Printable(source.Url)}' is not an http(s) URL");
            }
        }

        return location;
    }

    /// <summary>A state store answer: its id (a file name on the device), the one asked about when one was named.</summary>
    public static StateStoreInfo Check(StateStoreInfo? answer, string? storeId = null)
    {
        var store = Present(answer, "state store");
        Id(store.Id, "id");
        if (storeId is not null && !string.Equals(store.Id, storeId, StringComparison.Ordinal))
        {
            throw Refused($"id '{ServerId.Printable(store.Id)}' is not the state store asked about ({storeId})");
        }

        Text(store.Status, "status");
        return store.SizeBytes < 0 ? throw Refused($"sizeBytes {store.SizeBytes} is negative") : store;
    }

    private static T Present<T>(T? value, string what) where T : class => value ?? throw Refused($"{what} is null");

    private static string Id(string? id, string what) => ServerId.IsName(id)
        ? id!
        : throw Refused($"{what} '{ServerId.Printable(id)}' is not an id (letters, digits, '.', '_', '-'; no leading '.'; at most {ServerId.MaxLength} characters)");

    private static void Text(string? value, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Refused($"{what} is {(value is null ? "null" : "empty")}");
        }
    }

    private static IReadOnlyList<T> List<T>(IReadOnlyList<T>? list, string what)
    {
        if (list is null)
        {
            throw Refused($"{what} is null");
        }

        return list.Count > MaxEntries ? throw Refused($"{what} has {list.Count:N0} entries, more than {MaxEntries:N0}") : list;
    }

    private static void Map(IReadOnlyDictionary<string, string>? map, string what)
    {
        if (map is null)
        {
            throw Refused($"{what} is null");
        }

        foreach (var (name, value) in map)
        {
            _ = value ?? throw Refused($"{what}['{ServerId.Printable(name)}'] is null");
        }
    }

    private static ServerAnswerException Refused(string problem) => new(problem);
}
