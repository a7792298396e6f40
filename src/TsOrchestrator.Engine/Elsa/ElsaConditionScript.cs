using System.Text;
using System.Text.Json;
using TsOrchestrator.Domain.Conditions;

namespace TsOrchestrator.Engine.Elsa;

/// <summary>
/// A node's condition as the JavaScript an Elsa <c>If</c> evaluates (Elsa runs it with Jint; the value of the last
/// statement is the result). If-statements become <c>&amp;&amp;</c> / <c>||</c> / <c>!(...)</c> with the engine's
/// empty-statement results; variable tests call a small prelude that compares as the engine does (numbers, then
/// dotted versions, then text in any case; <c>like</c> with <c>*</c> and <c>?</c>) over Elsa's <c>getVariable</c>.
/// Tests of the device (file, folder, registry, WMI, OS, software) only the device can answer: they call
/// <c>tsDeviceCondition(condition)</c>, which an Elsa host running TsOrchestrator activities provides.
/// </summary>
internal static class ElsaConditionScript
{
    public const string DeviceFunction = "tsDeviceCondition";

    private const string VariablePrelude = """
        function tsOrder(a, b) {
          var num = /^\s*[-+]?(\d+\.?\d*|\.\d+)\s*$/;
          if (num.test(a) && num.test(b)) { var x = parseFloat(a), y = parseFloat(b); return x < y ? -1 : x > y ? 1 : 0; }
          var ver = /^\d+(\.\d+){1,3}$/;
          if (ver.test(a) && ver.test(b)) {
            var p = a.split('.'), q = b.split('.');
            for (var i = 0; i < 4; i++) { var m = +(p[i] || 0), n = +(q[i] || 0); if (m !== n) return m < n ? -1 : 1; }
            return 0;
          }
          var l = a.toUpperCase(), r = b.toUpperCase();
          return l < r ? -1 : l > r ? 1 : 0;
        }
        function tsLike(v, p) {
          var re = '';
          for (var i = 0; i < p.length; i++) {
            var c = p.charAt(i);
            re += c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[\\^$.|+()[\]{}\/-]/g, '\\$&');
          }
          return new RegExp('^' + re + '$', 'i').test(v);
        }
        function tsCompare(name, op, value) {
          var found = getVariable(name);
          var present = found !== null && found !== undefined;
          if (op === 'exists') return present;
          if (op === 'notExists') return !present;
          if (!present) return false;
          var v = String(found), w = value === null ? '' : value;
          if (op === 'like') return tsLike(v, w);
          var o = tsOrder(v, w);
          return op === 'equals' ? o === 0 : op === 'notEquals' ? o !== 0 : op === 'greater' ? o > 0
            : op === 'greaterEqual' ? o >= 0 : op === 'less' ? o < 0 : o <= 0;
        }

        """;

    /// <summary>The script; <paramref name="compact"/> writes device conditions as one-line JSON.</summary>
    public static string For(Condition condition, JsonSerializerOptions compact, out bool needsDevice)
    {
        var expression = new StringBuilder();
        var usesVariables = false;
        needsDevice = false;
        Append(condition, expression, compact, ref usesVariables, ref needsDevice);
        return usesVariables ? VariablePrelude + expression : expression.ToString();
    }

    private static void Append(Condition condition, StringBuilder text, JsonSerializerOptions compact, ref bool usesVariables, ref bool needsDevice)
    {
        switch (condition)
        {
            case IfStatement s when s.Conditions.Count == 0:
                // As the engine decides an empty statement: All and None hold, Any does not.
                text.Append(s.Kind == IfKind.Any ? "false" : "true");
                break;
            case IfStatement s:
                text.Append(s.Kind == IfKind.None ? "!(" : "(");
                for (var i = 0; i < s.Conditions.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(s.Kind == IfKind.All ? " && " : " || ");
                    }

                    Append(s.Conditions[i], text, compact, ref usesVariables, ref needsDevice);
                }

                text.Append(')');
                break;
            case VariableCondition v:
                usesVariables = true;
                text.Append("tsCompare(").Append(Literal(v.Variable)).Append(", ")
                    .Append(Literal(JsonNamingPolicy.CamelCase.ConvertName(v.Operator.ToString()))).Append(", ")
                    .Append(v.Value is null ? "null" : Literal(v.Value)).Append(')');
                break;
            default:
                needsDevice = true;
                text.Append(DeviceFunction).Append('(')
                    .Append(JsonSerializer.Serialize(condition, compact.GetTypeInfo(typeof(Condition)))).Append(')');
                break;
        }
    }

    // A JSON string with the default encoder is a valid JavaScript string literal (quotes, backslashes, control
    // characters and line separators escaped).
    private static string Literal(string value) => JsonSerializer.Serialize(value, ElsaJsonContext.Default.String);
}
