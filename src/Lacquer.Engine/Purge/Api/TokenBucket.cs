// A token bucket per API token (docs/compat.md, "Cloudflare purge_cache": default 50/s, burst 500). Time comes from the injected
// TimeProvider, so tests drive refills with a manual clock.
using System.Collections.Concurrent;

namespace Lacquer.Purge.Api;

internal sealed class TokenBucket(double perSecond, int burst, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>Takes one token for <paramref name="key"/>; when empty, says how long until one is back.</summary>
    public bool TryTake(string key, out TimeSpan retryAfter)
    {
        var bucket = _buckets.GetOrAdd(key, static (_, state) => new Bucket(state.burst, state.now), (burst, now: time.GetUtcNow()));
        lock (bucket)
        {
            var now = time.GetUtcNow();
            var elapsed = (now - bucket.Refilled).TotalSeconds;
            if (elapsed > 0)
            {
                bucket.Tokens = Math.Min(burst, bucket.Tokens + (elapsed * perSecond));
                bucket.Refilled = now;
            }

            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((1 - bucket.Tokens) / perSecond);
            return false;
        }
    }

    private sealed class Bucket(double tokens, DateTimeOffset refilled)
    {
        public double Tokens { get; set; } = tokens;

        public DateTimeOffset Refilled { get; set; } = refilled;
    }
}
