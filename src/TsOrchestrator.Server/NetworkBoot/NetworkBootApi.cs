using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Server.Content;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.NetworkBoot;

/// <summary>
/// <c>/boot/v1</c>: network boot over HTTP. A machine's firmware (iPXE) asks for its script by MAC address and SMBIOS
/// UUID and loads the boot image it names. Anonymous by design, as a booting machine has no key: the script names
/// only public boot files (a Debian kernel, an initramfs with the agent and disk tools), never a secret, and only
/// for a deployment made available to media and PXE that reaches that machine.
/// </summary>
public static class NetworkBootApi
{
    /// <summary>The files a BootImage package holds: the kernel and the initramfs, as tools/boot-image.sh writes them.</summary>
    public const string KernelFile = "vmlinuz";

    public const string InitrdFile = "initrd.img";

    public static IEndpointRouteBuilder MapNetworkBootApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/boot/v1").WithTags("Network boot").AllowAnonymous().RequireRateLimiting(Agents.AgentApi.CallLimit);

        group.MapGet("/ipxe", async (string? mac, string? uuid, NetworkBootSelection selection, HttpContext http, CancellationToken cancellationToken) =>
        {
            var normalizedMac = mac is null ? null : MachineIdentity.NormalizeMac(mac) ?? throw Problem.BadRequest("mac", "a MAC address is six hex pairs separated by colons or hyphens");
            // iPXE reports ${uuid} as empty or all zeros on firmware without one: that is no UUID, not an error.
            var normalizedUuid = MachineIdentity.NormalizeUuid(uuid);
            if (normalizedMac is null && normalizedUuid is null)
            {
                throw Problem.BadRequest("mac", "name the booting machine by its MAC address (mac) or SMBIOS UUID (uuid)");
            }

            var chosen = await selection.SelectAsync(normalizedMac, normalizedUuid, cancellationToken);
            var script = new StringBuilder("#!ipxe\n");
            if (chosen is not { } boot)
            {
                // Exit hands the machine back to its firmware, which boots the next device in its order (its own disk).
                script.Append("echo TsOrchestrator: no task sequence is available to this computer over the network\nexit\n");
            }
            else
            {
                var here = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
                // no_timer_check: a virtual machine on a busy host (QEMU's TCG above all) fails the kernel's IO-APIC timer
                // check and panics at boot; real hardware whose timer works is unaffected by skipping it.
                var files = $"{here}/boot/v1/images/{Uri.EscapeDataString(boot.BootImage.Id)}/{boot.BootImage.Version.ToString(CultureInfo.InvariantCulture)}";
                script.Append(CultureInfo.InvariantCulture, $"echo TsOrchestrator: boot image {boot.BootImage.Id} version {boot.BootImage.Version}\n")
                    .Append(CultureInfo.InvariantCulture, $"kernel {files}/{KernelFile} initrd={InitrdFile} console=tty0 console=ttyS0,115200 panic=10 no_timer_check tsorch.server={here}\n")
                    .Append(CultureInfo.InvariantCulture, $"initrd {files}/{InitrdFile}\n")
                    .Append("boot\n");
            }

            return Results.Text(script.ToString(), "text/plain", Encoding.ASCII);
        }).Produces<string>(contentType: "text/plain");

        group.MapGet("/images/{packageId}/{version:int}/{file}", async (string packageId, int version, string file, StoreContext store, ContentLibrary library,
            CancellationToken cancellationToken) =>
        {
            if (file is not (KernelFile or InitrdFile))
            {
                throw Problem.BadRequest("file", $"a boot image serves {KernelFile} and {InitrdFile}");
            }

            // Only boot images: any other package's content is the business of devices with a key.
            var image = await store.Packages.IgnoreQueryFilters([StoreContext.ScopeFilter]).AsNoTracking()
                .FirstOrDefaultAsync(p => p.Id == packageId && p.Type == PackageType.BootImage, cancellationToken) ?? throw Problem.NotFound("Boot image", packageId);
            var entry = await store.PackageFiles.AsNoTracking()
                .FirstOrDefaultAsync(f => f.PackageId == image.Id && f.Version == version && f.RelativePath == file, cancellationToken)
                ?? throw Problem.NotFound("Boot image file", $"{packageId} version {version}: {file}");
            return library.Has(entry.Hash)
                ? Results.File(library.PathOf(entry.Hash), "application/octet-stream", enableRangeProcessing: true)
                : throw Problem.NotFound("Boot image file", $"{packageId} version {version}: {file} is not in this server's content library");
        });
        return app;
    }
}
