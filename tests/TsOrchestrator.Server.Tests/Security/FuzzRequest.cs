namespace TsOrchestrator.Server.Tests.Security;

/// <summary>One hostile request: the case it tries, and the bytes to send (kept as bytes, since content is consumed by a send).</summary>
internal sealed record FuzzRequest(string Case, string Method, string Url, byte[]? Body, string? MediaType, string? IfMatch = null);
