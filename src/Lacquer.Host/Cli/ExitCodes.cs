namespace Lacquer.Cli;

/// <summary>
/// The executable's exit codes: 0 success; 1 the operation failed (the server refused it or could not be
/// reached); 2 the command line or the configuration is wrong (nothing was attempted).
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
}
