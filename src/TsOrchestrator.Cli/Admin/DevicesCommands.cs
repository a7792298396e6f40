using System.CommandLine;
using TsOrchestrator.Cli.Commands;
using TsOrchestrator.Contracts.Admin;
using TsOrchestrator.Contracts.Devices;

namespace TsOrchestrator.Cli.Admin;

/// <summary><c>tsorch devices list|get|approve|block|scopes</c>: devices that agents registered.</summary>
internal static class DevicesCommands
{
    private static readonly string[] Columns = ["ID", "STATUS", "OS", "ARCH", "LAST CHECK-IN", "NAME"];

    public static Command Create(CliConsole console) => new("devices", "Devices registered on the server")
    {
        List(console), Get(console),
        SetStatus(console, "approve", "Approve a device so it receives deployments", (api, id, ct) => api.ApproveDeviceAsync(id, ct)),
        SetStatus(console, "block", "Block a device: it receives nothing until approved again", (api, id, ct) => api.BlockDeviceAsync(id, ct)),
        DeviceVariablesCommands.List(console), DeviceVariablesCommands.Set(console),
        RemoveVariableCommand.Create(console, "Device", (api, id, name, ct) => api.DeleteDeviceVariableAsync(id, name, ct), (api, id, ct) => api.ListDeviceVariablesAsync(id, ct)),
        ScopesCommand.Create(console, "Device", async (api, id, request, ct) =>
        {
            var d = await api.SetDeviceScopesAsync(id, request, ct);
            return (d.Id, d.Scopes);
        }),
    };

    private static string[] Row(DeviceInfo d) =>
        [d.Id, d.Status, $"{d.Os} {d.OsVersion}", d.Architecture + (d.InBootMedia ? " (boot media)" : ""), AdminOutput.When(d.LastCheckIn), d.Name];

    private static Command List(CliConsole console)
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "List devices") { json };
        command.SetAction(async (parse, ct) =>
            await AdminOutput.ListAsync(console, parse.GetValue(json), await AdminConnection.Connect(parse).ListDevicesAsync(ct), Columns, Row));
        return command;
    }

    private static Command Get(CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "Device id" };
        var json = CommonOptions.Json();
        var command = new Command("get", "Show a device") { id, json };
        command.SetAction(async (parse, ct) =>
            await AdminOutput.ListAsync(console, parse.GetValue(json), [await AdminConnection.Connect(parse).GetDeviceAsync(parse.GetValue(id)!, ct)], Columns, Row));
        return command;
    }

    private static Command SetStatus(CliConsole console, string name, string description, Func<IAdminApi, string, CancellationToken, Task<DeviceInfo>> call)
    {
        var id = new Argument<string>("id") { Description = "Device id" };
        var json = CommonOptions.Json();
        var command = new Command(name, description) { id, json };
        command.SetAction(async (parse, ct) =>
        {
            var device = await call(AdminConnection.Connect(parse), parse.GetValue(id)!, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), device, d => $"{d.Id} '{d.Name}' is {d.Status}");
        });
        return command;
    }
}
