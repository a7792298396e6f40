using Refit;

namespace TsOrchestrator.Designer.Api;

/// <summary>Runs an admin API call and turns a refusal into an <see cref="ApiError"/> value for the page to show.</summary>
public static class AdminCall
{
    public static async Task<(T? Value, ApiError? Error)> RunAsync<T>(Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return (await call().ConfigureAwait(true), null);
        }
        catch (ApiException exception)
        {
            return (default, ApiError.From(exception));
        }
        catch (HttpRequestException exception)
        {
            return (default, ApiError.Unreachable(exception));
        }
    }

    public static async Task<ApiError?> RunAsync(Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var (_, error) = await RunAsync(async () =>
        {
            await call().ConfigureAwait(true);
            return true;
        }).ConfigureAwait(true);
        return error;
    }
}
