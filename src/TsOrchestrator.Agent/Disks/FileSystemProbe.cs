using System.Text;

namespace TsOrchestrator.Agent.Disks;

/// <summary>Tells a partition's file system by its superblock's magic, as blkid does, without running a program.</summary>
internal static class FileSystemProbe
{
    public static string Detect(Stream partition)
    {
        var head = new byte[0x10048];
        var read = 0;
        while (read < head.Length && partition.Read(head, read, head.Length - read) is var n and > 0)
        {
            read += n;
        }

        if (read >= 0x43A && head[0x438] == 0x53 && head[0x439] == 0xEF)
        {
            return "ext4"; // ext2/3/4 share the magic; the agent makes ext4
        }

        if (read >= 4 && Ascii(head, 0, 4) == "XFSB")
        {
            return "xfs";
        }

        if (read >= 11 && Ascii(head, 3, 8) == "NTFS    ")
        {
            return "ntfs";
        }

        if (read >= 90 && (Ascii(head, 82, 5) == "FAT32" || Ascii(head, 54, 3) == "FAT"))
        {
            return "vfat";
        }

        if (read >= 0x10048 && Ascii(head, 0x10040, 8) == "_BHRfS_M")
        {
            return "btrfs";
        }

        return "";
    }

    private static string Ascii(byte[] bytes, int offset, int length) => Encoding.ASCII.GetString(bytes, offset, length);
}
