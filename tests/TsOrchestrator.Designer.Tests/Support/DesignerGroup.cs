namespace TsOrchestrator.Designer.Tests.Support;

/// <summary>All browser tests share one server and one browser (starting them is most of the run's cost).</summary>
[CollectionDefinition(Name)]
public sealed class DesignerGroup : ICollectionFixture<DesignerFixture>
{
    public const string Name = "Designer";
}
