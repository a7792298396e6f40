using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.TargetSystem;

/// <summary>
/// The domain or workgroup part of Join Domain or Workgroup and Apply Network Settings (Type 1 joins the domain, 2 the
/// workgroup). Joining a domain from Linux takes realmd and sssd and a reachable domain controller; the agent has no
/// join it can stand behind, so the step is refused by name rather than reported as done.
/// </summary>
internal static class DomainMembership
{
    public static void RefuseDomainJoin(StepContext context, string step)
    {
        var type = context.Setting("Type").Trim();
        if (type is "1" or "" && context.Setting("DomainName").Trim() is { Length: > 0 } domain)
        {
            throw new StepFailedException(
                $"{step}: joining the domain {domain} (DomainName) is not supported on Linux: the agent does not join Active Directory (that takes realmd and sssd in the image and a domain controller); join with a Run Command Line step (realm join) in the new system, or choose a workgroup");
        }
    }

    public static void NoteWorkgroup(StepContext context)
    {
        if (context.Setting("Type").Trim() == "2" && context.Setting("WorkgroupName").Trim() is { Length: > 0 } workgroup)
        {
            context.Log.Line($"workgroup {workgroup} (WorkgroupName) has no meaning on Linux: nothing to join");
        }
    }
}
