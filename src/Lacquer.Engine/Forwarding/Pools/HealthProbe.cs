// The active health check of one pool: every interval, a GET of the configured path on each origin, with its
// own timeout. A 2xx status counts as a success; anything else (another status, no connection, no answer in
// time) as a failure. The pool's thresholds turn runs of results into verdicts (OriginDestination). Timers and
// timeouts come from the injected TimeProvider, so that tests move time instead of waiting for it. A round that
// is still running when the next is due is not overlapped: that tick is skipped.
using System.Net;
using Lacquer.Configuration;

namespace Lacquer.Forwarding.Pools;

internal sealed class HealthProbe : IDisposable
{
    private readonly OriginPool _pool;
    private readonly HealthCheckSettings _settings;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopped = new();
    private ITimer? _timer;
    private int _running;

    public HealthProbe(OriginPool pool, HealthCheckSettings settings, TimeProvider time)
    {
        _pool = pool;
        _settings = settings;
        _time = time;
    }

    /// <summary>Rounds completed so far (tests wait on it).</summary>
    public long Rounds => Interlocked.Read(ref _rounds);

    private long _rounds;

    public void Start() => _timer = _time.CreateTimer(static state => ((HealthProbe)state!).Tick(), this, TimeSpan.Zero, _settings.Interval);

    private void Tick()
    {
        if (_stopped.IsCancellationRequested || Interlocked.Exchange(ref _running, 1) == 1)
        {
            return;
        }

        _ = RoundAsync();
    }

    private async Task RoundAsync()
    {
        try
        {
            await Task.WhenAll(_pool.Origins.Select(ProbeAsync));
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }

        // Counted once the next round may start, so that a test that sees the count move can make the next tick.
        Interlocked.Increment(ref _rounds);
    }

    private async Task ProbeAsync(OriginDestination origin)
    {
        bool success;
        using var timeout = new CancellationTokenSource(_settings.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stopped.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, OriginClient.OriginUri(origin.Url, _settings.Path!))
            {
                Version = _pool.Settings.Http2 ? HttpVersion.Version20 : HttpVersion.Version11,
                VersionPolicy = OriginClient.VersionPolicyFor(_pool.Settings, origin.Url),
            };
            request.Headers.TryAddWithoutValidation("User-Agent", "lacquer-health-check");
            using var response = await _pool.Invoker.SendAsync(request, linked.Token);
            success = (int)response.StatusCode is >= 200 and < 300;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException)
        {
            success = false;
        }

        if (!_stopped.IsCancellationRequested)
        {
            _pool.ProbeResult(origin, success);
        }
    }

    public void Dispose()
    {
        _stopped.Cancel();
        _timer?.Dispose();
    }
}
