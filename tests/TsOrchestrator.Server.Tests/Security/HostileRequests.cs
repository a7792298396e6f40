using System.Text;
using System.Text.Json.Nodes;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Security;

/// <summary>
/// Hostile variations of a route's request, from its OpenAPI schema: malformed and empty bodies, each field with the
/// wrong type and null, huge strings and arrays, deep nesting, unicode and NUL, and traversal in every string, path,
/// query and header parameter. Deterministic: the seed decides the only random choices (characters and samples).
/// </summary>
internal sealed class HostileRequests(OpenApiRoutes document, PopulatedSite site, JsonNode sequenceDocument, int seed)
{
    public const int HugeStringLength = 1 << 20;
    public const int HugeArrayLength = 100_000;
    public const int DeepNesting = 10_000;

    /// <summary>Traversal, as JSON string literals: every string field gets each of them.</summary>
    private static readonly string[] TraversalLiterals =
    [
        "\"../../../../etc/passwd\"", "\"..\\\\..\\\\..\\\\admin.key\"", "\"/etc/passwd\"", "\"C:\\\\Windows\\\\win.ini\"", "\"\\\\\\\\server\\\\share\"",
        "\"file:///etc/passwd\"", "\"....//....//admin.key\"", "\"%2e%2e%2fadmin.key\"",
    ];

    /// <summary>Unicode, NUL and injection, as JSON string literals (so lone surrogates and NUL go on the wire as written); a seeded few per route.</summary>
    private static readonly string[] OddLiterals =
    [
        "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\u202egnp.exe\"", "\"😀🏳️‍🌈\"", "\"Ａｄｍｉｎ\"",
        "\"e\\u0301\\u0301\\u0301\"", "\"\\ufeff\"", "\"\\r\\n\\t\"", "\"\"", "\"   \"", "\"'; DROP TABLE Devices; --\"", "\"<script>alert(1)</script>\"",
    ];

    /// <summary>Traversal in a path or query value, already escaped as it goes into the URL; the encoded ones carry what escaping would hide.</summary>
    private static readonly string[] TraversalValues =
    [
        Uri.EscapeDataString("../../../../etc/passwd"), Uri.EscapeDataString("..\\..\\admin.key"), "..%2F..%2Fadmin.key", "%2E%2E%2F%2E%2E%2Fkeys",
        "..%252f..%252fadmin.key", Uri.EscapeDataString("/etc/passwd"), Uri.EscapeDataString("C:\\Windows\\win.ini"), "....%2F%2F....%2F%2F",
    ];

    /// <summary>Unicode, NUL, injection and numbers out of range in a path or query value; a seeded few per parameter.</summary>
    private static readonly string[] OddValues =
    [
        "%00", "a%00b", "%ED%A0%80", "%FF%FE", "%E2%80%AEgnp.exe", Uri.EscapeDataString("😀"), Uri.EscapeDataString("Ａｄｍｉｎ"), "%20",
        "*", Uri.EscapeDataString("'; DROP TABLE Devices; --"), Uri.EscapeDataString("<script>"), "-1", "99999999999999999999", "true", new string('A', 8192),
    ];

    private const int OddPerTarget = 4;

    private readonly Random _random = new(seed);

    public IEnumerable<FuzzRequest> For(ApiRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var baselineUrl = route.Fill(p => Uri.EscapeDataString(site.ValueFor(route, p)));
        var baseline = Baseline(route);
        var mediaType = route.BodyMediaType switch
        {
            "multipart/form-data" => "application/x-www-form-urlencoded",
            null when route.IsWrite => "application/json",
            var declared => declared,
        };
        byte[]? Bytes(JsonNode? node) => node is null ? null : Encode(route, node);

        yield return new("baseline", route.Method, baselineUrl, Bytes(baseline), mediaType);

        foreach (var parameter in route.PathParameters)
        {
            // A NUL in the path never reaches the application: Kestrel refuses the request line (400) and the test host throws.
            foreach (var value in TraversalValues.Concat(Pick(OddValues.Where(v => !v.Contains("%00", StringComparison.Ordinal)).ToArray())))
            {
                yield return new($"path {parameter.Name}={Short(value)}", route.Method,
                    route.Fill(p => p == parameter ? value : Uri.EscapeDataString(site.ValueFor(route, p))), Bytes(baseline), mediaType);
            }
        }

        foreach (var parameter in route.QueryParameters)
        {
            foreach (var value in TraversalValues.Concat(Pick(OddValues)))
            {
                yield return new($"query {parameter.Name}={Short(value)}", route.Method, Query(route, parameter, value), Bytes(baseline), mediaType);
            }
        }

        if (route.Parameters.Any(p => p is { In: "header", Name: "If-Match" }))
        {
            foreach (var etag in new[] { "*", "\"\"", "W/\"1\"", "\"-1\"", "\"99999999999999999999\"", "garbage", new string('"', 4096) })
            {
                yield return new($"If-Match {Short(etag)}", route.Method, baselineUrl, Bytes(baseline), mediaType, etag);
            }
        }

        if (!route.IsWrite)
        {
            yield break;
        }

        yield return new("no body", route.Method, baselineUrl, null, null);
        yield return new("empty body", route.Method, baselineUrl, [], mediaType);
        yield return new("wrong content type", route.Method, baselineUrl, Bytes(baseline) ?? "{}"u8.ToArray(), "text/plain");
        foreach (var (name, bytes) in Malformed())
        {
            yield return new($"malformed: {name}", route.Method, baselineUrl, bytes, mediaType);
        }

        yield return new("deep nesting: body", route.Method, baselineUrl, Encoding.UTF8.GetBytes(new string('[', DeepNesting * 10)), mediaType);
        if (route.BodySchema is null && baseline is not null)
        {
            foreach (var upload in HostileUploads.All())
            {
                yield return new($"upload: {upload.Case}", route.Method, $"{baselineUrl}?fileName={upload.FileName}", upload.Bytes, "application/octet-stream");
            }
        }

        if (baseline is not JsonObject)
        {
            yield break;
        }

        foreach (var (path, schema) in Leaves(baseline, route.BodySchema, "", 0).ToList())
        {
            yield return new($"wrong type: {path}", route.Method, baselineUrl, Bytes(Replace(baseline, path, WrongType(schema))), mediaType);
            yield return new($"null: {path}", route.Method, baselineUrl, Bytes(Replace(baseline, path, null)), mediaType);
            yield return new($"deep nesting: {path}", route.Method, baselineUrl,
                Encoding.UTF8.GetBytes(Replace(baseline, path, "§deep§")!.ToJsonString().Replace("\"§deep§\"", new string('[', DeepNesting) + new string(']', DeepNesting), StringComparison.Ordinal)), mediaType);
        }

        var huge = new string((char)('a' + _random.Next(26)), HugeStringLength);
        yield return new("huge strings", route.Method, baselineUrl, Bytes(MapStrings(baseline, _ => huge)), mediaType);
        yield return new("huge arrays", route.Method, baselineUrl, Bytes(MapArrays(baseline)), mediaType);
        foreach (var literal in TraversalLiterals.Concat(Pick(OddLiterals)))
        {
            var text = MapStrings(baseline, _ => "§s§")!.ToJsonString().Replace("\"§s§\"", literal, StringComparison.Ordinal);
            yield return new($"strings {Short(literal)}", route.Method, baselineUrl, Encoding.UTF8.GetBytes(text), mediaType);
        }

        yield return new("unknown member", route.Method, baselineUrl, Bytes(With(baseline, "fuzzUnknown", 1)), mediaType);
    }

    /// <summary>A plausible request body from the schema; a string field named for an object gets that object's id.</summary>
    public JsonNode? Baseline(ApiRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (route.BodySchema is null)
        {
            // Uploads (imports) take the raw body; the baseline is garbage and the cases below vary it.
            return route.IsWrite && route.Method == "POST" && route.Template == "/api/v1/imports" ? JsonValue.Create("not an export") : null;
        }

        var schema = document.Resolve(route.BodySchema);
        return OpenApiRoutes.TypeOf(schema) == "any" ? sequenceDocument.DeepClone() : Sample(schema, "", 0);
    }

    private JsonNode? Sample(JsonNode? schema, string name, int depth)
    {
        schema = document.Resolve(schema);
        if (schema?["allOf"] is JsonArray parts)
        {
            var merged = new JsonObject();
            foreach (var part in parts)
            {
                foreach (var (key, value) in Sample(part, name, depth)!.AsObject().ToList())
                {
                    merged[key] = value?.DeepClone();
                }
            }

            return merged;
        }

        if (schema?["enum"] is JsonArray values)
        {
            return values.FirstOrDefault(v => v is not null)?.DeepClone();
        }

        switch (OpenApiRoutes.TypeOf(schema))
        {
            case "object" when depth < 4:
                var result = new JsonObject();
                foreach (var (key, property) in schema!["properties"]?.AsObject() ?? [])
                {
                    result[key] = Sample(property, key, depth + 1);
                }

                return result;
            case "object":
                return new JsonObject();
            case "array":
                return depth < 4 ? new JsonArray(Sample(schema!["items"], name, depth + 1)) : new JsonArray();
            case "integer" or "number":
                return 1;
            case "boolean":
                return false;
            case "string":
                return StringFor(schema!, name);
            default:
                return null;
        }
    }

    private string StringFor(JsonNode schema, string name)
    {
        if ((string?)schema["format"] == "date-time")
        {
            return "2026-01-01T00:00:00Z";
        }

        return name switch
        {
            "sequenceId" or "taskSequenceId" => site.Id("sequence"),
            "collectionId" => site.Id("collection"),
            "deviceId" => site.Id("device"),
            "deploymentId" => site.Id("deployment"),
            "packageId" or "bootImageId" => site.Id("package"),
            "distributionPointIds" => site.Id("dp"),
            "distributionPointGroupIds" => site.Id("dp-group"),
            "collectionIds" => site.Id("collection"),
            "packageIds" or "dependencies" => site.Id("package"),
            "ids" => site.Id("sequence"),
            "folder" or "parent" => site.Id("folder"),
            // Values the handlers check before anything else, so the other fields' cases get past them.
            "os" => "linux",
            "osVersion" => "6.1.0",
            "architecture" => "x64",
            "hostname" => "fuzz-03",
            "enrollmentToken" => ServerFactory.EnrollmentToken,
            "purpose" => "Available",
            "recurrence" => "Daily",
            "beginNext" => "Automatic",
            "url" => "http://127.0.0.1:9/",
            "accessKey" => "fuzz-access-key-0123456789",
            "template" => "custom",
            _ => "fuzz",
        };
    }

    /// <summary>Each scalar or container under the body, by a dotted path, with its schema; objects and arrays are entered down to depth 3.</summary>
    private IEnumerable<(string Path, JsonNode? Schema)> Leaves(JsonNode node, JsonNode? schema, string path, int depth)
    {
        schema = document.Resolve(schema);
        if (node is JsonObject obj && schema?["properties"] is JsonObject properties)
        {
            foreach (var (key, value) in obj)
            {
                var childPath = path.Length == 0 ? key : $"{path}.{key}";
                var childSchema = properties[key];
                yield return (childPath, document.Resolve(childSchema));
                if (value is not null && depth < 3)
                {
                    foreach (var leaf in Leaves(value, childSchema, childPath, depth + 1))
                    {
                        yield return leaf;
                    }
                }
            }
        }
        else if (node is JsonArray { Count: > 0 } array && depth < 3)
        {
            foreach (var leaf in Leaves(array[0]!, schema?["items"], $"{path}[0]", depth + 1))
            {
                yield return leaf;
            }
        }
    }

    /// <summary>The baseline URL with this query parameter set to the value (replacing a required one's baseline value).</summary>
    private string Query(ApiRoute route, ApiParameter parameter, string value)
    {
        var url = route.Fill(p => Uri.EscapeDataString(site.ValueFor(route, p))).Replace($"{parameter.Name}=1", "", StringComparison.Ordinal).TrimEnd('&', '?');
        return $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{parameter.Name}={value}";
    }

    private List<string> Pick(string[] samples) => samples.OrderBy(_ => _random.Next()).Take(OddPerTarget).ToList();

    private static JsonNode WrongType(JsonNode? schema) => OpenApiRoutes.TypeOf(schema) switch
    {
        "string" => 12345,
        "integer" or "number" => "not a number",
        "boolean" => "yes",
        "array" => new JsonObject { ["not"] = "an array" },
        _ => new JsonArray(1, 2),
    };

    private static JsonNode? Replace(JsonNode baseline, string path, JsonNode? value)
    {
        var copy = baseline.DeepClone();
        JsonNode parent = copy;
        var steps = path.Replace("[0]", ".[0]", StringComparison.Ordinal).Split('.');
        foreach (var step in steps[..^1])
        {
            parent = step == "[0]" ? parent[0]! : parent[step]!;
        }

        if (steps[^1] == "[0]")
        {
            parent.AsArray()[0] = value;
        }
        else
        {
            parent[steps[^1]] = value;
        }

        return copy;
    }

    private static JsonNode? MapStrings(JsonNode? node, Func<string, string> map) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, MapStrings(p.Value, map)))),
        JsonArray array => new JsonArray([.. array.Select(i => MapStrings(i, map))]),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(map(text)),
        _ => node?.DeepClone(),
    };

    private static JsonNode? MapArrays(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, MapArrays(p.Value)))),
        JsonArray array => new JsonArray([.. Enumerable.Range(0, HugeArrayLength).Select(_ => array.Count > 0 ? array[0]!.DeepClone() : JsonValue.Create("x"))]),
        _ => node?.DeepClone(),
    };

    private static JsonNode With(JsonNode baseline, string key, JsonNode value)
    {
        var copy = baseline.DeepClone();
        copy[key] = value;
        return copy;
    }

    private static IEnumerable<(string Name, byte[] Bytes)> Malformed()
    {
        yield return ("truncated", "{\"name\":"u8.ToArray());
        yield return ("not json", "<?xml version=\"1.0\"?><a/>"u8.ToArray());
        yield return ("invalid utf-8", [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]);
        yield return ("raw NUL", "{\0}"u8.ToArray());
        yield return ("duplicate members", "{\"name\":\"a\",\"name\":\"b\"}"u8.ToArray());
        yield return ("json null", "null"u8.ToArray());
        yield return ("json array", "[]"u8.ToArray());
        yield return ("json number", "1e999999"u8.ToArray());
    }

    private static byte[] Encode(ApiRoute route, JsonNode node)
    {
        if (route.BodyMediaType is "application/x-www-form-urlencoded" or "multipart/form-data" && node is JsonObject form)
        {
            return Encoding.UTF8.GetBytes(string.Join('&', form.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value?.ToString() ?? "")}")));
        }

        return node is JsonValue raw && raw.TryGetValue<string>(out var text) && route.BodySchema is null ? Encoding.UTF8.GetBytes(text) : Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static string Short(string value) => value.Length > 24 ? $"{value[..12]}…({value.Length})" : value;
}
