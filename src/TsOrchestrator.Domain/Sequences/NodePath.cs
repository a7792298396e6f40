namespace TsOrchestrator.Domain.Sequences;

/// <summary>
/// Addresses of nodes: child indices from the root joined by <c>/</c> (<c>2/0/3</c> is the fourth
/// child of the first child of the root's third node).
/// </summary>
public static class NodePath
{
    public static string Child(string parentPath, int index) =>
        parentPath.Length == 0 ? index.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{parentPath}/{index}";

    /// <summary>Visits every node depth-first in execution order with its path.</summary>
    public static IEnumerable<(string Path, TaskSequenceNode Node)> Walk(IReadOnlyList<TaskSequenceNode> nodes, string parentPath = "")
    {
        ArgumentNullException.ThrowIfNull(nodes);
        for (var i = 0; i < nodes.Count; i++)
        {
            var path = Child(parentPath, i);
            yield return (path, nodes[i]);
            if (nodes[i] is GroupNode group)
            {
                foreach (var inner in Walk(group.Children, path))
                {
                    yield return inner;
                }
            }
        }
    }
}
