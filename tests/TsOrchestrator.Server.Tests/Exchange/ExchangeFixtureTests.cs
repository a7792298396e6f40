using System.IO.Compression;
using TsOrchestrator.Contracts.Exchange;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Server.Tests.Support;
using TsOrchestrator.Testing;
using Xunit.Abstractions;

namespace TsOrchestrator.Server.Tests.Exchange;

/// <summary>
/// Every real ConfigMgr and MDT file in <c>../shared/fixtures/ts-xml</c> imports through the preview and its commit: as
/// bare XML, and the ConfigMgr <c>object.xml</c> ones inside a Configuration Manager export zip as well. Read in place.
/// </summary>
public sealed class ExchangeFixtureTests(ITestOutputHelper output)
{
    public static TheoryData<string> Fixtures() => TsXmlFixtures.FileNames();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Real_task_sequence_xml_imports_through_the_preview(string fileName)
    {
        if (fileName == TsXmlFixtures.Absent)
        {
            output.WriteLine("../shared/fixtures/ts-xml was not found beside the repository: the fixture imports did not run.");
            return;
        }

        using var server = new ServerFactory();
        using var admin = server.AdminClient();
        var xml = await File.ReadAllBytesAsync(TsXmlFixtures.PathOf(fileName));

        var preview = await admin.PreviewAsync(xml, "fileName=" + Uri.EscapeDataString(fileName));
        preview.Source.ShouldBe(ImportSourceKind.TaskSequenceXml);
        var sequence = preview.Objects.ShouldHaveSingleItem();
        sequence.Kind.ShouldBe(ExchangeObjectKind.TaskSequence);
        sequence.ProposedAction.ShouldBe(ImportAction.CreateNew);
        var result = await (await admin.CommitAsync(preview.Id)).ReadAsync<ImportResult>();
        var imported = await (await admin.GetAsync($"/api/v1/task-sequences/{result.Objects.Single().Id}")).ReadAsync<TaskSequenceDetails>();
        imported.Summary.Name.ShouldBe(sequence.Name);
        imported.Sequence.Nodes.ShouldNotBeEmpty();

        // The same file again is found by its id and linked, not imported twice.
        var again = await admin.PreviewAsync(xml, "fileName=" + Uri.EscapeDataString(fileName));
        again.Objects.Single().Existing.ShouldNotBeNull().Id.ShouldBe(imported.Summary.Id);

        if (fileName.EndsWith("-object.xml", StringComparison.Ordinal))
        {
            // A Configuration Manager export: the sequence's object.xml in a folder of the zip.
            using var zip = new MemoryStream();
            using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            {
                await using var entry = await archive.CreateEntry("SMS_TaskSequencePackage/0001/object.xml").OpenAsync();
                await entry.WriteAsync(xml);
            }

            var exported = await admin.PreviewAsync(zip.ToArray());
            exported.Source.ShouldBe(ImportSourceKind.ConfigMgrExport);
            exported.Objects.Single().Id.ShouldBe(imported.Summary.Id);
            var copy = await (await admin.CommitAsync(exported.Id, new() { [imported.Summary.Id] = ImportAction.CreateNew })).ReadAsync<ImportResult>();
            copy.Objects.Single().Id.ShouldNotBe(imported.Summary.Id);
        }
    }
}
