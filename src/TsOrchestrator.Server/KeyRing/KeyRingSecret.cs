using System.Security.Cryptography;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.KeyRing;

/// <summary>The 256-bit secret from the key file that encrypts each key of the ring in the store.</summary>
public sealed class KeyRingSecret
{
    /// <summary>The key file a node makes in its data folder when no key protection is configured.</summary>
    public const string DefaultFileName = "keyring.key";

    private const int KeyBytes = 32;

    private KeyRingSecret(byte[] key, string path, string setting)
    {
        Key = key;
        Path = path;
        Setting = setting;

        // Names the key without revealing it, so a node can tell "another key file" from "a damaged key ring".
        Id = Convert.ToHexStringLower(SHA256.HashData(key))[..16];
    }

    public byte[] Key { get; }

    public string Id { get; }

    /// <summary>The key file's full path.</summary>
    public string Path { get; }

    /// <summary>The setting an operator changes to give this node another key file, as a message should name it.</summary>
    public string Setting { get; }

    /// <summary>Reads the key file named in settings, or makes the data folder's own on first start (owner-only).</summary>
    public static KeyRingSecret Load(KeyRingOptions options, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        if (options.KeyFile is { Length: > 0 } configured)
        {
            var path = System.IO.Path.GetFullPath(configured);
            var setting = $"DataProtection:KeyFile ({path})";
            if (!File.Exists(path))
            {
                throw new KeyRingUnusableException($"{setting} does not exist: copy the site's key file there (every node needs the same one), or make the first with 'openssl rand -base64 32 > {path}'.");
            }

            return new KeyRingSecret(Read(path, setting), path, setting);
        }

        var own = System.IO.Path.GetFullPath(System.IO.Path.Combine(storage.DataDirectory, DefaultFileName));
        var ownSetting = $"DataProtection:KeyFile (not set, so {own})";
        Create(own);
        return new KeyRingSecret(Read(own, ownSetting), own, ownSetting);
    }

    private static byte[] Read(string path, string setting)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        catch (FormatException)
        {
            key = [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeyRingUnusableException($"{setting} cannot be read: {ex.Message}", ex);
        }

        return key.Length == KeyBytes
            ? key
            : throw new KeyRingUnusableException($"{setting} does not hold a 256-bit key in base64 (make one with 'openssl rand -base64 32').");
    }

    private static void Create(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var file = new FileStream(path, options);
            using var writer = new StreamWriter(file);
            writer.WriteLine(Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process of this node made it meanwhile: that one is the key.
        }
    }
}
