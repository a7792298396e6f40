using System.Xml;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Domain.Import;

/// <summary>
/// Reads a task sequence XML document once, forward only, before it is loaded, and refuses it at the first element
/// past a limit of <see cref="SequenceLimits"/>: what is refused is never built, and no later step meets a tree
/// deeper than the limits. DTDs are refused (no sequence has one), so no entity expands the document either.
/// </summary>
internal static class TaskSequenceXmlLimits
{
    /// <summary>How often the scan looks at the caller's cancellation, in elements.</summary>
    private const int ElementsPerCancellationCheck = 4096;

    public static XmlReaderSettings ReaderSettings { get; } = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = true,
        MaxCharactersInDocument = SequenceLimits.MaxXmlCharacters,
    };

    public static void Check(string xml, string source, CancellationToken cancellationToken)
    {
        if (xml.Length > SequenceLimits.MaxXmlCharacters)
        {
            throw new SequenceFormatException(source, null, null,
                $"the XML is {xml.Length:N0} characters, more than the limit of {SequenceLimits.MaxXmlCharacters:N0} for a task sequence");
        }

        using var reader = XmlReader.Create(new StringReader(xml), ReaderSettings);
        var lineInfo = (IXmlLineInfo)reader;

        // What each open element adds: a group to the group depth, an if statement to the condition depth.
        var open = new Stack<Nesting>();
        int groups = 0, conditions = 0, elements = 0;
        try
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement)
                {
                    Leave(open.Pop(), ref groups, ref conditions);
                    continue;
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (++elements % ElementsPerCancellationCheck == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (reader.Depth >= SequenceLimits.MaxXmlElementDepth)
                {
                    throw Refused(source, lineInfo, $"XML nested deeper than {SequenceLimits.MaxXmlElementDepth} elements");
                }

                var nesting = reader.LocalName switch
                {
                    "group" => Nesting.Group,
                    "operator" or "osConditionGroup" or "osExpressionGroup" => Nesting.IfStatement,
                    _ => Nesting.None,
                };
                if (nesting == Nesting.Group && ++groups > SequenceLimits.MaxGroupDepth)
                {
                    throw Refused(source, lineInfo, SequenceLimits.TooDeepGroups);
                }

                if (nesting == Nesting.IfStatement && ++conditions > SequenceLimits.MaxConditionDepth)
                {
                    throw Refused(source, lineInfo, SequenceLimits.TooDeepConditions);
                }

                if (reader.IsEmptyElement)
                {
                    Leave(nesting, ref groups, ref conditions);
                }
                else
                {
                    open.Push(nesting);
                }
            }
        }
        catch (XmlException e)
        {
            throw new SequenceFormatException(source, e.LineNumber, e.LinePosition, $"malformed XML: {e.Message}", e);
        }
    }

    private static void Leave(Nesting nesting, ref int groups, ref int conditions)
    {
        groups -= nesting == Nesting.Group ? 1 : 0;
        conditions -= nesting == Nesting.IfStatement ? 1 : 0;
    }

    private static SequenceFormatException Refused(string source, IXmlLineInfo at, string limit) =>
        new(source, at.LineNumber, at.LinePosition, limit);

    private enum Nesting
    {
        None,
        Group,
        IfStatement,
    }
}
