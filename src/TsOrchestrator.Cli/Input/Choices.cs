using System.CommandLine;

namespace TsOrchestrator.Cli.Input;

/// <summary>
/// Options that take one of a fixed set of words (a deployment's purpose, a rerun behaviour): a wrong word is refused on
/// the command line with the words allowed, <c>--purpose 'x': expected one of Available, Required</c>, before anything is
/// sent. Case does not matter, as it does not to the server.
/// </summary>
internal static class Choices
{
    public static T OneOf<T>(this T option, params string[] allowed)
        where T : Option
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => !allowed.Contains(t.Value, StringComparer.OrdinalIgnoreCase)))
            {
                result.AddError(Expected(option.Name, token.Value, allowed));
            }
        });
        return option;
    }

    public static string Expected(string option, string value, IEnumerable<string> allowed) =>
        $"{option} '{value}': expected one of {string.Join(", ", allowed)}";
}
