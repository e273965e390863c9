namespace Lacquer.Configuration;

/// <summary>
/// <c>compat:flextype</c>: Flextype's cache API. <see cref="SuccessStatus"/> is 200 (body <c>{}</c>, the
/// documented example; the default) or 204 (empty body, what Flextype's code sends).
/// </summary>
internal sealed record FlextypeSettings(bool Enabled, int SuccessStatus, IReadOnlyList<FlextypeTokenSettings> Tokens)
{
    public const int DefaultSuccessStatus = 200;

    /// <summary>Off, as without a <c>compat:flextype</c> section.</summary>
    public static FlextypeSettings Off { get; } = new(false, DefaultSuccessStatus, []);
}
