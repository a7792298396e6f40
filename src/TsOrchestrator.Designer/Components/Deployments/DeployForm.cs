using System.Globalization;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Deployments;

namespace TsOrchestrator.Designer.Components.Deployments;

/// <summary>What the Deploy Software Wizard collects, as the browser's inputs hold it, and the request it becomes.</summary>
public sealed class DeployForm
{
    public const string AsSoonAsPossible = "asap";
    public const string AtTime = "at";
    public const string Recurring = "recurring";

    public static readonly IReadOnlyList<(string Value, string Label)> AssignmentKinds =
        [(AsSoonAsPossible, "As soon as possible"), (AtTime, "At a scheduled time"), (Recurring, "On a recurring schedule")];

    public static readonly IReadOnlyList<(string Value, string Label)> RerunChoices =
    [
        ("AlwaysRerun", "Always rerun program"),
        ("NeverRerun", "Never rerun deployed program"),
        ("RerunIfFailed", "Rerun if failed previous attempt"),
        ("RerunIfSucceeded", "Rerun if succeeded on previous attempt"),
    ];

    public static readonly IReadOnlyList<(string Value, string Label)> AvailabilityChoices =
    [
        ("ClientsMediaAndPxe", "Devices running the agent, boot media and PXE"),
        ("Clients", "Only devices running the agent"),
        ("MediaAndPxeOnly", "Only boot media and PXE"),
    ];

    public string CollectionId { get; set; } = "";
    public string Purpose { get; set; } = "Available";
    public bool ScheduleAvailable { get; set; }
    public DateTime? AvailableAt { get; set; }
    public bool ScheduleExpiry { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public string Assignment { get; set; } = AsSoonAsPossible;
    public DateTime? AssignmentAt { get; set; }
    public string Recurrence { get; set; } = "Daily";
    public int Interval { get; set; } = 1;
    public string Rerun { get; set; } = "AlwaysRerun";
    public bool AllowOutsideMaintenanceWindow { get; set; }
    public string AvailableTo { get; set; } = "ClientsMediaAndPxe";

    /// <summary>The collection the server asked a high-risk confirmation for, with its explanation; null until it asks.</summary>
    public (string CollectionId, string Warning)? HighRiskWarning { get; set; }

    public bool ConfirmHighRisk { get; set; }

    /// <summary>A confirmation holds only for the collection it was asked for: another collection is verified afresh.</summary>
    public bool HighRiskAsked => HighRiskWarning is { } warning && warning.CollectionId == CollectionId;

    /// <summary>What the browser cannot send at all (no collection chosen, a time left empty); the server checks the rest.</summary>
    public Dictionary<string, string> LocalErrors { get; } = new(StringComparer.Ordinal);

    private bool Required => Purpose == "Required";

    /// <summary>Checks one page (or all with null); returns the first page with a problem, if any.</summary>
    public int? Validate(int? page)
    {
        LocalErrors.Clear();
        if (CollectionId.Length == 0)
        {
            LocalErrors["collectionId"] = "Choose the collection to deploy to";
        }

        CheckTime(ScheduleAvailable, AvailableAt, "availableAt");
        CheckTime(ScheduleExpiry, ExpiresAt, "expiresAt");
        CheckTime(Required && Assignment != AsSoonAsPossible, AssignmentAt, "assignmentAt");
        if (Required && HighRiskAsked && !ConfirmHighRisk)
        {
            LocalErrors["confirmHighRisk"] = "Confirm that you understand the risk to deploy";
        }
        var pages = LocalErrors.Keys.Select(k => DeployWizardPage.FieldPages[k]).Where(p => page is null || p == page).ToList();
        if (page is not null)
        {
            foreach (var other in LocalErrors.Keys.Where(k => DeployWizardPage.FieldPages[k] != page).ToList())
            {
                LocalErrors.Remove(other);
            }
        }

        return pages.Count == 0 ? null : pages.Min();
    }

    private void CheckTime(bool used, DateTime? time, string field)
    {
        if (used && time is null)
        {
            LocalErrors[field] = "Enter a date and time";
        }
        else if (used && Zone.IsInvalidTime(DateTime.SpecifyKind(time!.Value, DateTimeKind.Unspecified)))
        {
            LocalErrors[field] = $"{time.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} does not exist in {ZoneName}: the clocks skip it";
        }
    }

    /// <summary>The zone typed times are in: the browser's, once it has said; UTC until then.</summary>
    public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>How labels name <see cref="Zone"/>: "UTC", or its IANA name such as "Europe/Paris".</summary>
    public string ZoneName => Zone == TimeZoneInfo.Utc ? "UTC" : Zone.Id;

    /// <summary>
    /// A <c>datetime-local</c> value, read in <see cref="Zone"/>. A time the clocks skip is none (and <see cref="Validate"/>
    /// says so at its field); an hour the clocks repeat is read as standard time, its second occurrence, as .NET reads it.
    /// </summary>
    public DateTimeOffset? ToUtc(DateTime? time) =>
        time is { } value && DateTime.SpecifyKind(value, DateTimeKind.Unspecified) is var typed && !Zone.IsInvalidTime(typed)
            ? new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(typed, Zone), TimeSpan.Zero)
            : null;

    /// <summary>A stored time as the form's inputs hold it: in <paramref name="zone"/>, without an offset.</summary>
    private static DateTime? InZone(DateTimeOffset? time, TimeZoneInfo zone) =>
        time is { } value ? DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(value, zone).DateTime, DateTimeKind.Unspecified) : null;

    /// <summary>A time for the summary: in <see cref="Zone"/>, named.</summary>
    public string FormatInZone(DateTimeOffset? time) =>
        time is { } value ? TimeZoneInfo.ConvertTime(value, Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + ZoneName : "";

    public CreateDeploymentRequest ToRequest(string sequenceId) => new()
    {
        SequenceId = sequenceId,
        CollectionId = CollectionId,
        Purpose = Purpose,
        AvailableAt = ScheduleAvailable ? ToUtc(AvailableAt) : null,
        ExpiresAt = ScheduleExpiry ? ToUtc(ExpiresAt) : null,
        AssignmentAt = Required && Assignment != AsSoonAsPossible ? ToUtc(AssignmentAt) : null,
        AssignmentRecurrence = Required && Assignment == Recurring ? Recurrence : "None",
        AssignmentInterval = Required && Assignment == Recurring ? Interval : null,
        Rerun = Required ? Rerun : null,
        AllowOutsideMaintenanceWindow = AllowOutsideMaintenanceWindow,
        AvailableTo = AvailableTo,
        ConfirmHighRisk = Required && HighRiskAsked && ConfirmHighRisk,
    };

    /// <summary>The wizard's pages filled from a stored deployment, for its Properties, its times shown in <paramref name="zone"/>.</summary>
    public static DeployForm From(DeploymentInfo deployment, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var required = deployment.Purpose == "Required";
        var recurring = required && deployment.AssignmentRecurrence != "None";
        return new DeployForm
        {
            Zone = zone,
            CollectionId = deployment.CollectionId,
            Purpose = deployment.Purpose,
            ScheduleAvailable = deployment.AvailableAt is not null,
            AvailableAt = InZone(deployment.AvailableAt, zone),
            ScheduleExpiry = deployment.ExpiresAt is not null,
            ExpiresAt = InZone(deployment.ExpiresAt, zone),
            Assignment = recurring ? Recurring : required && deployment.AssignmentAt is not null ? AtTime : AsSoonAsPossible,
            AssignmentAt = InZone(deployment.AssignmentAt, zone),
            Recurrence = recurring ? deployment.AssignmentRecurrence : "Daily",
            Interval = deployment.AssignmentInterval,
            Rerun = deployment.Rerun,
            AllowOutsideMaintenanceWindow = deployment.AllowOutsideMaintenanceWindow,
            AvailableTo = deployment.AvailableTo,
        };
    }

    /// <summary>What the wizard's pages hold, as a stored deployment's new properties.</summary>
    public UpdateDeploymentRequest ToUpdateRequest()
    {
        var request = ToRequest("");
        return new UpdateDeploymentRequest
        {
            Purpose = request.Purpose, AvailableAt = request.AvailableAt, ExpiresAt = request.ExpiresAt, AssignmentAt = request.AssignmentAt,
            AssignmentRecurrence = request.AssignmentRecurrence, AssignmentInterval = request.AssignmentInterval, Rerun = request.Rerun,
            AllowOutsideMaintenanceWindow = request.AllowOutsideMaintenanceWindow, AvailableTo = request.AvailableTo, ConfirmHighRisk = request.ConfirmHighRisk,
        };
    }

    public IEnumerable<(string Label, string Value)> Summary(IReadOnlyList<CollectionInfo> collections)
    {
        ArgumentNullException.ThrowIfNull(collections);
        var request = ToRequest("");
        yield return ("Collection", collections.FirstOrDefault(c => c.Id == CollectionId) is { } c ? $"{c.Name} ({c.Id})" : "(none)");
        yield return ("Purpose", Purpose);
        yield return ("Available", request.AvailableAt is { } a ? FormatInZone(a) : "As soon as possible");
        yield return ("Expires", request.ExpiresAt is { } e ? FormatInZone(e) : "Never");
        if (Required)
        {
            yield return ("Assignment", Assignment switch
            {
                AtTime => $"At {FormatInZone(request.AssignmentAt)}",
                Recurring => $"From {FormatInZone(request.AssignmentAt)}, every {Interval} {(Recurrence == "Weekly" ? "week(s)" : "day(s)")}",
                _ => "As soon as possible",
            });
            yield return ("Rerun behavior", RerunChoices.First(r => r.Value == Rerun).Label);
        }

        yield return ("Make available to", AvailabilityChoices.FirstOrDefault(a => a.Value == AvailableTo).Label ?? AvailableTo);
        yield return ("Outside maintenance windows", AllowOutsideMaintenanceWindow ? "Allowed" : "Not allowed");
    }

    public static string Format(DateTimeOffset? time) => time?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "";
}
