using NetArchTest.Rules;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Engine.Running;

namespace TsOrchestrator.Engine.Tests.Architecture;

/// <summary>The core stays a core: no web, storage, scheduling or HTTP-client types in Domain or Engine.</summary>
public sealed class DependencyRulesTests
{
    private static readonly string[] Forbidden =
    [
        "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Quartz", "Refit", "System.Net.Http", "Microsoft.Extensions.Hosting",
    ];

    [Fact]
    public void Domain_depends_on_nothing_but_the_base_library()
    {
        var result = Types.InAssembly(typeof(TaskSequence).Assembly).ShouldNot().HaveDependencyOnAny(Forbidden).GetResult();

        result.IsSuccessful.ShouldBeTrue(string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Engine_knows_nothing_of_http_storage_or_scheduling()
    {
        var result = Types.InAssembly(typeof(RunEngine).Assembly).ShouldNot().HaveDependencyOnAny(Forbidden).GetResult();

        result.IsSuccessful.ShouldBeTrue(string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Domain_does_not_depend_on_the_engine()
    {
        var result = Types.InAssembly(typeof(TaskSequence).Assembly).ShouldNot().HaveDependencyOn("TsOrchestrator.Engine").GetResult();

        result.IsSuccessful.ShouldBeTrue();
    }
}
