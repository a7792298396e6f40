namespace TsOrchestrator.Server.Tests.Security;

/// <summary>What a cell of the authorization matrix expects.</summary>
internal enum Expectation
{
    /// <summary>401: no key, an unknown one, or the wrong kind (a device's on the admin API, an admin's on the agent API).</summary>
    Unauthenticated,

    /// <summary>403: a role that may not do this.</summary>
    Forbidden,

    /// <summary>404: the object named is outside the caller's scopes (or another device's), as if it did not exist.</summary>
    NotFound,

    /// <summary>A 4xx other than 401 and 403: the request names an object outside the caller's scopes in its body.</summary>
    Refused,

    /// <summary>Neither 401 nor 403 (what the request then gets is the fuzz test's business).</summary>
    Allowed,

    /// <summary>Allowed, and the answer names no object outside the caller's scopes.</summary>
    AllowedWithoutLeak,
}
