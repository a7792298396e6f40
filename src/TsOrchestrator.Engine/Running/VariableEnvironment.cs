using System.Collections;
using System.Diagnostics.CodeAnalysis;
using TsOrchestrator.Domain.Variables;

namespace TsOrchestrator.Engine.Running;

/// <summary>A run's variables: case-insensitive names; setting the empty string deletes.</summary>
public sealed class VariableEnvironment : IReadOnlyDictionary<string, string>
{
    private readonly Dictionary<string, string> _values;

    public VariableEnvironment()
    {
        _values = new Dictionary<string, string>(VariableName.Comparer);
    }

    public VariableEnvironment(IEnumerable<KeyValuePair<string, string>> values)
    {
        _values = new Dictionary<string, string>(values, VariableName.Comparer);
    }

    public int Count => _values.Count;
    public IEnumerable<string> Keys => _values.Keys;
    public IEnumerable<string> Values => _values.Values;
    public string this[string key] => _values[key];

    /// <summary>While set, every change is appended here (run inspection); null keeps the hot path free of it.</summary>
    internal List<VariableChange>? Journal { get; set; }

    /// <summary>Sets (or, for an empty value, deletes) a variable. The engine's own writes bypass read-only rules.</summary>
    public void Set(string name, string value)
    {
        if (Journal is not null)
        {
            Note(name, value.Length == 0 ? null : value);
        }

        if (value.Length == 0)
        {
            _values.Remove(name);
        }
        else
        {
            _values[name] = value;
        }
    }

    public bool Remove(string name)
    {
        if (Journal is not null)
        {
            Note(name, null);
        }

        return _values.Remove(name);
    }

    private void Note(string name, string? after)
    {
        var before = _values.TryGetValue(name, out var current) ? current : null;
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            Journal!.Add(new VariableChange(name, before, after));
        }
    }

    /// <summary>True when the variable holds <c>true</c> (any case).</summary>
    public bool IsTrue(string name) =>
        _values.TryGetValue(name, out var value) && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => _values.TryGetValue(key, out value);

    /// <summary>The dictionary's struct enumerator: <c>foreach</c> over a run's variables (every state save does one) allocates nothing.</summary>
    public Dictionary<string, string>.Enumerator GetEnumerator() => _values.GetEnumerator();

    IEnumerator<KeyValuePair<string, string>> IEnumerable<KeyValuePair<string, string>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
