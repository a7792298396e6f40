using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Domain.Import;

/// <summary>
/// Reads Configuration Manager and MDT task sequence XML: bare <c>&lt;sequence&gt;</c> documents (MDT
/// <c>ts.xml</c>, ConfigMgr sequence XML), ConfigMgr export <c>object.xml</c> CIM wrappers with the
/// sequence as text of their <c>Sequence</c> property, and any document with a <c>&lt;sequence&gt;</c> below
/// its root. Nothing is dropped: unknown step types keep their type, variables and action line.
/// </summary>
public static class ConfigMgrXmlImporter
{
    /// <summary>
    /// Reads one document; <paramref name="source"/> names it in errors. A document deeper or larger than
    /// <see cref="SequenceLimits"/> allow is refused with a <see cref="SequenceFormatException"/> naming the limit.
    /// </summary>
    public static TaskSequence Import(string xml, string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(source);
        var document = Parse(xml, source, cancellationToken);
        var root = document.Root!;
        string? packageId = null, packageName = null, packageDescription = null, bootImageId = null;
        XElement sequence;

        if (root.Name.LocalName == "INSTANCE")
        {
            var properties = root.Elements("PROPERTY")
                .ToDictionary(p => (string?)p.Attribute("NAME") ?? "", p => p.Element("VALUE")?.Value, StringComparer.OrdinalIgnoreCase);
            var text = properties.GetValueOrDefault("Sequence")
                ?? throw new SequenceFormatException(source, LineOf(root), null, "the ConfigMgr object has no Sequence property: it is not a task sequence package");
            var inner = Parse(text, $"{source} (Sequence property)", cancellationToken);
            sequence = inner.Root!.Name.LocalName == "sequence" ? inner.Root : FindSequence(inner, source);
            packageId = Blank(properties.GetValueOrDefault("PackageID"));
            packageName = Blank(properties.GetValueOrDefault("Name"));
            packageDescription = Blank(properties.GetValueOrDefault("Description"));
            bootImageId = Blank(properties.GetValueOrDefault("BootImageID"));
        }
        else
        {
            sequence = root.Name.LocalName == "sequence" ? root : FindSequence(document, source);
        }

        var fileName = Path.GetFileNameWithoutExtension(source);
        return new TaskSequence
        {
            Id = packageId ?? SequenceIds.FromName(fileName),
            Name = packageName ?? Blank((string?)sequence.Attribute("name")) ?? fileName,
            Description = packageDescription ?? Blank((string?)sequence.Attribute("description")),
            Advanced = new AdvancedProperties { BootImageId = bootImageId },
            Variables = ReadVariables(sequence.Element("globalVarList")),
            Nodes = new SequenceXmlReader(source).ReadChildren(sequence, cancellationToken),
        };
    }

    private static XDocument Parse(string xml, string source, CancellationToken cancellationToken)
    {
        TaskSequenceXmlLimits.Check(xml, source, cancellationToken);
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), TaskSequenceXmlLimits.ReaderSettings);
            var document = XDocument.Load(reader, LoadOptions.SetLineInfo);
            return document.Root is null
                ? throw new SequenceFormatException(source, null, null, "the document is empty")
                : document;
        }
        catch (XmlException e)
        {
            throw new SequenceFormatException(source, e.LineNumber, e.LinePosition, $"malformed XML: {e.Message}", e);
        }
    }

    private static XElement FindSequence(XDocument document, string source) =>
        document.Descendants("sequence").FirstOrDefault()
        ?? throw new SequenceFormatException(source, LineOf(document.Root!), null,
            $"no <sequence> element: <{document.Root!.Name.LocalName}> is not a task sequence document");

    internal static Dictionary<string, string> ReadVariables(XElement? list)
    {
        var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var variable in list?.Elements("variable") ?? [])
        {
            if ((string?)variable.Attribute("name") is { Length: > 0 } name)
            {
                variables[name] = variable.Value;
            }
        }

        return variables;
    }

    internal static long? LineOf(XObject node) => node is IXmlLineInfo { } info && info.HasLineInfo() ? info.LineNumber : null;

    internal static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    internal static bool Flag(XElement element, string attribute) =>
        string.Equals((string?)element.Attribute(attribute), "true", StringComparison.OrdinalIgnoreCase);

    internal static int? Integer(XElement element, string attribute) =>
        int.TryParse((string?)element.Attribute(attribute), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
