using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.TargetSystem;

/// <summary>The target's time zone as Debian keeps it: /etc/localtime a link into /usr/share/zoneinfo, and /etc/timezone naming it.</summary>
internal static class TimeZoneSetting
{
    private const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>The IANA name of the zone, checked against the target's zone files before anything is written.</summary>
    public static string Resolve(string root, string name, string field)
    {
        var iana = WindowsTimeZones.ToIana(name.Trim())
            ?? throw new StepFailedException($"the time zone '{name}' ({field}) is neither a Windows time zone name nor an IANA name (Area/City)");
        var zoneFile = "/usr/share/zoneinfo/" + iana;
        if (iana.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw new StepFailedException($"the time zone '{name}' ({field}) is not a zone name");
        }

        if (!File.Exists(TargetPath.Resolve(root, zoneFile)))
        {
            throw new StepFailedException($"the applied system has no {zoneFile} for the time zone '{name}' ({field}): its image needs the tzdata package");
        }

        return iana;
    }

    public static void Write(string root, string iana)
    {
        var zoneFile = "/usr/share/zoneinfo/" + iana;

        var localtime = TargetPath.Resolve(root, "/etc/localtime");
        Directory.CreateDirectory(Path.GetDirectoryName(localtime)!);
        var temporary = localtime + ".tsorch-new";
        File.Delete(temporary);
        File.CreateSymbolicLink(temporary, zoneFile);
        File.Move(temporary, localtime, overwrite: true);
        TargetPath.WriteFile(root, "/etc/timezone", iana + "\n", Mode);
    }
}
