namespace TsOrchestrator.Domain.Sequences;

/// <summary>
/// Addresses of nodes: child indices from the root joined by <c>/</c> (<c>2/0/3</c> is the fourth
/// child of the first child of the root's third node).
/// </summary>
public static class NodePath
{
    public static string Child(string parentPath, int index) =>
        parentPath.Length == 0 ? index.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{parentPath}/{index}";

    /// <summary>How many groups enclose the node at <paramref name="path"/>, plus one: a top-level node is at depth 1.</summary>
    public static int DepthOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Length == 0 ? 0 : path.AsSpan().Count('/') + 1;
    }

    /// <summary>
    /// Visits every node depth-first in execution order with its path; with <paramref name="maxDepth"/>, nodes deeper
    /// than that (<see cref="DepthOf"/>) are left out. An explicit stack rather than nested iterators: the input decides
    /// the depth, and nested iterators cost every node once per enclosing group and a stack frame each.
    /// </summary>
    public static IEnumerable<(string Path, TaskSequenceNode Node)> Walk(IReadOnlyList<TaskSequenceNode> nodes, string parentPath = "", int maxDepth = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(parentPath);
        var stack = new Stack<(IReadOnlyList<TaskSequenceNode> Nodes, string ParentPath, int Depth, int Next)>();
        stack.Push((nodes, parentPath, DepthOf(parentPath) + 1, 0));
        while (stack.Count > 0)
        {
            var (siblings, parent, depth, next) = stack.Pop();
            if (next >= siblings.Count || depth > maxDepth)
            {
                continue;
            }

            stack.Push((siblings, parent, depth, next + 1));
            var path = Child(parent, next);
            var node = siblings[next];
            yield return (path, node);
            if (node is GroupNode { Children: { } children })
            {
                stack.Push((children, path, depth + 1, 0));
            }
        }
    }
}
