using TsOrchestrator.Contracts.Content;

namespace TsOrchestrator.Server.Tests.Content;

public sealed class ContentHashTests
{
    [Fact]
    public void New_content_is_named_by_its_blake3_digest_with_the_algorithm_in_front()
    {
        // The BLAKE3 paper's test vector for "abc".
        ContentHash.Compute("abc"u8).ShouldBe("blake3-6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85");
    }

    [Fact]
    public void A_name_without_the_algorithm_is_sha256_and_is_checked_as_such()
    {
        using var hasher = ContentHash.CreateHasher("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        hasher.Append("ab"u8);
        hasher.Append("c"u8);

        hasher.Finish().ShouldBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    [Fact]
    public async Task Streamed_and_whole_hashing_agree_across_chunk_boundaries()
    {
        var bytes = new byte[(3 << 20) + 17];
        new Random(7).NextBytes(bytes);

        var streamed = await ContentHash.ComputeAsync(new MemoryStream(bytes), expected: null, CancellationToken.None);

        streamed.ShouldBe(ContentHash.Compute(bytes));
        streamed.ShouldBe("blake3-" + Blake3.Hasher.Hash(bytes).ToString());
    }

    [Theory]
    [InlineData("blake3-6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85", true)]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", true)]
    [InlineData("blake3-6437B3AC38465133FFB63B75273A8DB548C558465D79DB03FD359C6CD5BD9D85", false)]
    [InlineData("blake3-6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d8", false)]
    [InlineData("sha256-ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", false)]
    [InlineData("../../../etc/passwd", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_lower_case_hex_names_of_a_known_algorithm_are_valid(string? name, bool valid)
    {
        ContentHash.IsValid(name).ShouldBe(valid);
    }
}
