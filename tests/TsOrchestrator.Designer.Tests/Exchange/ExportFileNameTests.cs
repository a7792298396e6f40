using TsOrchestrator.Designer.Exchange;

namespace TsOrchestrator.Designer.Tests.Exchange;

public sealed class ExportFileNameTests
{
    [Fact]
    public void One_sequence_is_named_for_itself_and_several_by_their_count() =>
        (ExportFileName.Suggest(["Windows 11 23H2"]), ExportFileName.Suggest(["A", "B", "C"])).ShouldBe(("Windows 11 23H2", "task-sequences-3"));

    [Theory]
    [InlineData("Win 11: lab/pilot", false, "Win 11_ lab_pilot.zip")]
    [InlineData("../../etc/passwd", false, "_.._etc_passwd.zip")]
    [InlineData("Build.zip", true, "Build.tar")]
    [InlineData("   ", false, "export.zip")]
    public void Typed_names_keep_to_characters_every_file_system_takes_and_the_extension_follows_the_content_choice(string typed, bool content, string expected) =>
        ExportFileName.WithExtension(typed, content).ShouldBe(expected);
}
