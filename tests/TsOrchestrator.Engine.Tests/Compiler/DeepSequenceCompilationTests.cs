using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Engine.Compilation;
using TsOrchestrator.Engine.Tests.Support;

namespace TsOrchestrator.Engine.Tests.Compiler;

/// <summary>Issue 14 item 3: the compiler lays out a tree of any depth with an explicit stack, and refuses a sequence past the nesting limit in the domain's words.</summary>
public sealed class DeepSequenceCompilationTests
{
    private static TaskSequenceNode Nested(int groups, TaskSequenceNode inner)
    {
        var node = inner;
        for (var i = 0; i < groups; i++)
        {
            node = new GroupNode { Name = "g", Children = [node] };
        }

        return node;
    }

    private static StepNode Step(string type, string setting, string value) =>
        new() { Name = "s", Type = type, Settings = new Dictionary<string, string> { [setting] = value } };

    [Fact]
    public void Chain_of_child_sequences_3000_groups_deep_compiles_on_a_small_stack()
    {
        // 50 sequences of 60 groups each, each running the next: within the limit each, 3000 groups laid out.
        const int Sequences = 50, Groups = 60;
        var all = new List<TaskSequence>();
        for (var i = 0; i < Sequences; i++)
        {
            var inner = i == Sequences - 1 ? Step(StepTypeIds.RunCommandLine, "CommandLine", "cmd") : Step(StepTypeIds.RunTaskSequence, "TsPackageID", $"TS{i + 1:D5}");
            all.Add(new TaskSequence { Id = $"TS{i:D5}", Name = $"Level {i}", Nodes = [Nested(Groups, inner), new GroupNode { Name = "after" }] });
        }

        var compiled = OnSmallStack(() => WorkflowCompiler.Compile(all[0], new DictionaryResolver([.. all])));

        compiled.Activities.Count.ShouldBe(Sequences * (Groups + 2));
        compiled.Activities.Count(a => a.Kind == ActivityKind.Step).ShouldBe(1);
        compiled.Activities[1].Path.ShouldBe("0/0");
        compiled.Activities[0].NextSibling.ShouldBe(compiled.Activities.Count - 1);
    }

    [Fact]
    public void Sequence_nested_past_the_limit_is_refused_naming_the_limit()
    {
        var sequence = new TaskSequence { Id = "TS-DEEP", Name = "Deep", Nodes = [Nested(5000, Step(StepTypeIds.RunCommandLine, "CommandLine", "cmd"))] };

        var error = Should.Throw<CompilationException>(() => WorkflowCompiler.Compile(sequence));

        error.Message.ShouldEndWith(SequenceLimits.TooDeepGroups);
    }

    /// <summary>256 KiB: one frame per group, as recursion takes, overflows it long before 3000 groups and kills the process.</summary>
    private static WorkflowDefinition OnSmallStack(Func<WorkflowDefinition> compile)
    {
        WorkflowDefinition? compiled = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                compiled = compile();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failure = e;
            }
        }, maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();
        failure.ShouldBeNull();
        return compiled.ShouldNotBeNull();
    }
}
