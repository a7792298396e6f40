using TsOrchestrator.Agent.TargetSystem;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Capture Network Settings, in its Linux meaning: the running system's wired adapters (systemd-networkd and ifupdown
/// configuration; a DHCP adapter captured as DHCP) become OSDAdapterCount and OSDAdapter&lt;n&gt;... for the Apply
/// Network Settings after the new image, and its membership (an sssd domain, else a Samba workgroup) becomes
/// Configuration Manager's OSDJoinType (0 domain, 1 workgroup), OSDJoinDomainName and OSDJoinWorkgroupName.
/// </summary>
internal sealed class CaptureNetworkSettingsHandler(string systemRoot = "/") : IStepHandler
{
    public string TypeId => StepTypeIds.CaptureNetworkSettings;

    public Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (Migrates(context, "MigrateAdapterSettings"))
        {
            var adapters = NetworkConfigReader.Read(systemRoot);
            if (adapters.Count == 0)
            {
                context.Log.Line("no adapter is configured in /etc/systemd/network or /etc/network/interfaces: nothing captured, Apply Network Settings will use DHCP");
            }
            else
            {
                variables["OSDAdapterCount"] = adapters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                for (var i = 0; i < adapters.Count; i++)
                {
                    foreach (var (name, value) in adapters[i].Variables(i))
                    {
                        variables[name] = value;
                    }

                    var adapter = adapters[i];
                    context.Log.Line($"OSDAdapter{i}: {adapter.Name ?? adapter.MacAddress ?? "any wired adapter"}, {(adapter.Dhcp ? "DHCP" : "static")}{(adapter.Addresses.Count > 0 ? " " + string.Join(' ', adapter.Addresses) : "")}");
                }
            }
        }

        if (Migrates(context, "MigrateDomain"))
        {
            switch (Membership())
            {
                case ("domain", var domain):
                    variables["OSDJoinType"] = "0";
                    variables["OSDJoinDomainName"] = domain;
                    context.Log.Line($"member of the domain {domain} (sssd): captured into OSDJoinType 0 and OSDJoinDomainName");
                    break;
                case ("workgroup", var workgroup):
                    variables["OSDJoinType"] = "1";
                    variables["OSDJoinWorkgroupName"] = workgroup;
                    context.Log.Line($"in the workgroup {workgroup} (Samba): captured into OSDJoinType 1 and OSDJoinWorkgroupName");
                    break;
                default:
                    context.Log.Line("no domain (sssd) or workgroup (Samba) membership: nothing captured");
                    break;
            }
        }

        return Task.FromResult(new WorkItemResult { ExitCode = 0, Variables = variables });
    }

    private (string Kind, string Name)? Membership()
    {
        if (Value(TargetPath.ReadFile(systemRoot, "/etc/sssd/sssd.conf"), "domains") is { } domains)
        {
            return ("domain", domains.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0]);
        }

        return Value(TargetPath.ReadFile(systemRoot, "/etc/samba/smb.conf"), "workgroup") is { } workgroup ? ("workgroup", workgroup) : null;
    }

    private static string? Value(string? ini, string key) =>
        ini?.Split('\n').Select(l => l.Trim().Split('=', 2, StringSplitOptions.TrimEntries))
            .FirstOrDefault(p => p.Length == 2 && p[0].Equals(key, StringComparison.OrdinalIgnoreCase) && p[1].Length > 0)?[1];

    private static bool Migrates(StepContext context, string flag) =>
        context.Setting(flag).Trim() is not { Length: > 0 } text || !bool.TryParse(text, out var value) || value;
}
