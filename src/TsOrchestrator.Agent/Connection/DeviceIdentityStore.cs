using System.Text.Json;
using TsOrchestrator.Agent.Platform;

namespace TsOrchestrator.Agent.Connection;

/// <summary><c>device.json</c> in the state folder: readable by the agent's user only, since the key is the device's password.</summary>
internal sealed class DeviceIdentityStore(string stateDirectory)
{
    private readonly string _path = Path.Combine(stateDirectory, "device.json");

    public DeviceIdentity? Load()
    {
        if (!File.Exists(_path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(_path), AgentJsonContext.Default.DeviceIdentity);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{_path} is not a device identity ({ex.Message}); remove it to register the device again", ex);
        }
    }

    public void Save(DeviceIdentity identity)
    {
        var temporary = _path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temporary, options))
        {
            file.Write(JsonSerializer.SerializeToUtf8Bytes(identity, AgentJsonContext.Default.DeviceIdentity));
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, _path, overwrite: true);
        DirectorySync.Flush(stateDirectory);
    }
}
