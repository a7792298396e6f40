namespace TsOrchestrator.Domain.Sequences;

/// <summary>The User Notification tab: high-impact flag and custom notification text.</summary>
public sealed record UserNotificationProperties
{
    public const int MaxTextLength = 255;

    public bool HighImpact { get; init; }

    /// <summary>Only allowed when high-impact; then all four texts are required.</summary>
    public bool UseCustomText { get; init; }

    public string? Headline { get; init; }
    public string? Message1 { get; init; }
    public string? Message2 { get; init; }
    public string? Message3 { get; init; }
}
