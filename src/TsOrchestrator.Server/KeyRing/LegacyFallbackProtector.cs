using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace TsOrchestrator.Server.KeyRing;

/// <summary>Protects under the site's application name; reads a payload the node protected before it had one, too.</summary>
internal sealed class LegacyFallbackProtector(IDataProtector current, IDataProtector? legacy) : IDataProtector
{
    public IDataProtector CreateProtector(string purpose) =>
        new LegacyFallbackProtector(current.CreateProtector(purpose), legacy?.CreateProtector(purpose));

    public byte[] Protect(byte[] plaintext) => current.Protect(plaintext);

    public byte[] Unprotect(byte[] protectedData)
    {
        try
        {
            return current.Unprotect(protectedData);
        }
        catch (CryptographicException) when (legacy is not null)
        {
            try
            {
                return legacy.Unprotect(protectedData);
            }
            catch (CryptographicException)
            {
                // Not an old payload either: the caller hears why the current protector refused it.
            }

            throw;
        }
    }
}
