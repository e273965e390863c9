// One configured certificate as the https listeners serve it: the loaded chain (an SslStreamCertificateContext,
// built once per load so that a handshake does no chain building) and the files it came from. A renewed
// certificate is picked up without a restart: at most once per CheckInterval a handshake looks at the two
// files' modification times and sizes (two stat calls; no watcher to lose events when a directory or symlink is
// swapped), and when either changed the pair is loaded again. A pair that fails to load (a half-written renewal,
// a key that no longer matches) is logged, never its content, and the previous certificate stays in service;
// it is tried again when the files change again.
using System.Net.Security;
using Lacquer.Configuration;
using Lacquer.Security;
using Microsoft.Extensions.Logging;

namespace Lacquer.Hosting;

internal sealed partial class CertificateFiles
{
    /// <summary>How often a handshake may look at the files.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile Loaded _loaded;
    private (Stamp Certificate, Stamp Key) _refused;
    private long _nextCheckTicks;
    private int _checking;

    private CertificateFiles(CertificateSettings settings, Loaded loaded, TimeProvider time, ILogger logger)
    {
        Settings = settings;
        _loaded = loaded;
        _time = time;
        _logger = logger;
        _nextCheckTicks = (time.GetUtcNow() + CheckInterval).UtcTicks;
    }

    public CertificateSettings Settings { get; }

    /// <summary>Loads the pair; throws <see cref="IOException"/> naming the file at fault when it cannot.</summary>
    public static CertificateFiles Load(CertificateSettings settings, TimeProvider time, ILogger logger)
    {
        var stamps = (Stamp.Of(settings.Certificate), Stamp.Of(settings.Key));
        var context = TryLoad(settings, out var problem)
            ?? throw new IOException($"the TLS certificate cannot be loaded: {problem}");
        return new CertificateFiles(settings, new Loaded(context, stamps.Item1, stamps.Item2), time, logger);
    }

    /// <summary>The certificate to serve now; first reloads it when its files changed and a check is due.</summary>
    public SslStreamCertificateContext Current
    {
        get
        {
            var now = _time.GetUtcNow().UtcTicks;
            if (now >= Volatile.Read(ref _nextCheckTicks) && Interlocked.Exchange(ref _checking, 1) == 0)
            {
                try
                {
                    Volatile.Write(ref _nextCheckTicks, now + CheckInterval.Ticks);
                    Check();
                }
                finally
                {
                    Volatile.Write(ref _checking, 0);
                }
            }

            return _loaded.Context;
        }
    }

    private void Check()
    {
        var stamps = (Certificate: Stamp.Of(Settings.Certificate), Key: Stamp.Of(Settings.Key));
        var loaded = _loaded;
        if (stamps == (loaded.Certificate, loaded.Key) || stamps == _refused)
        {
            return;
        }

        if (TryLoad(Settings, out var problem) is not { } context)
        {
            _refused = stamps;
            ReloadFailed(_logger, problem);
            return;
        }

        _refused = default;
        _loaded = new Loaded(context, stamps.Certificate, stamps.Key);
        var served = context.TargetCertificate;
        Reloaded(_logger, Settings.Certificate, served.Subject, served.NotAfter);
    }

    private static SslStreamCertificateContext? TryLoad(CertificateSettings settings, out string problem)
    {
        var pem = PemCertificate.TryLoad(settings.Certificate, settings.Key, out _, out problem);
        if (pem is null)
        {
            return null;
        }

        // The context keeps the leaf and the intermediates; the old context, still used by handshakes in
        // progress, is left to the collector rather than disposed under them.
        return SslStreamCertificateContext.Create(pem.Leaf, pem.Intermediates, offline: true);
    }

    [LoggerMessage(EventId = Diagnostics.EventIds.CertificateReloaded, Level = LogLevel.Information, Message = "TLS certificate {File} reloaded: {Subject}, valid until {NotAfter}")]
    private static partial void Reloaded(ILogger logger, string file, string subject, DateTime notAfter);

    [LoggerMessage(EventId = Diagnostics.EventIds.CertificateRefused, Level = LogLevel.Error, Message = "TLS certificate change refused, still serving the previous one: {Problem}")]
    private static partial void ReloadFailed(ILogger logger, string problem);

    private sealed record Loaded(SslStreamCertificateContext Context, Stamp Certificate, Stamp Key);

    /// <summary>What a file looks like from its metadata: modification time and size (zero when it is missing).</summary>
    private readonly record struct Stamp(long WriteTicks, long Length)
    {
        public static Stamp Of(string path)
        {
            try
            {
                var info = new FileInfo(path);
                return info.Exists ? new Stamp(info.LastWriteTimeUtc.Ticks, info.Length) : default;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return default;
            }
        }
    }
}
