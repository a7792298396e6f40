namespace TsOrchestrator.Content;

/// <summary>A file of a package's source folder: its path in the package (<c>/</c>-separated) and where it is read from, links resolved.</summary>
public sealed record ContentSourceFile(string RelativePath, string FullPath);
