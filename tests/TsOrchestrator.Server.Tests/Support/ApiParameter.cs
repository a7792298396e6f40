namespace TsOrchestrator.Server.Tests.Support;

/// <summary>A path, query or header parameter of an <see cref="ApiRoute"/> with its schema type ("string", "integer", "boolean").</summary>
public sealed record ApiParameter(string Name, string In, string Type, bool Required);
