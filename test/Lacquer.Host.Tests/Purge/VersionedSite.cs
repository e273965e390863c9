// The origin of the purge race stress test, and its ledger. The site has a number of pages /p/{i}; each
// page's content carries a version that the test bumps ("publishes") right before it purges that page, and
// each purge that answered raises the page's required version: from then on no response may carry less.
//
// Every origin request captures the page's version (and decides 200 or 304 against If-None-Match) when it
// arrives, then either yields a few times or is held on a gate until the purger's next purge has answered,
// and only then writes its answer. A held request whose page was published and purged meanwhile is the race
// invariant 1 is about: a fill that started before the purge and ends after it. The site counts them, so the
// test can show it really ran that race. Nothing here waits on wall time: held requests wait on the gate, the
// purger waits on traffic (with a bound that only guards against a stall).
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Purge;

internal sealed class VersionedSite
{
    /// <summary>At most this many origin requests are held at once, so that clients keep making progress.</summary>
    public const int MaxHeld = 6;

    private readonly long[] _versions;
    private readonly long[] _required;
    private readonly int[] _heldPerPage;
    private TaskCompletionSource _gate = NewSignal();
    private TaskCompletionSource _traffic = NewSignal();
    private int _held;
    private int _stopped;
    private long _purgesAnswered;
    private long _responses;
    private long _originRequests;
    private long _heldRequests;
    private long _straddling;
    private long _racyFills;
    private long _racyRevalidations;
    private long _stalls;

    public VersionedSite(int pages)
    {
        _versions = new long[pages];
        _required = new long[pages];
        _heldPerPage = new int[pages];
        Array.Fill(_versions, 1);
    }

    public int Pages => _versions.Length;

    public long PurgesAnswered => Interlocked.Read(ref _purgesAnswered);

    public long Responses => Interlocked.Read(ref _responses);

    public long OriginRequests => Interlocked.Read(ref _originRequests);

    /// <summary>Origin requests that were held on the gate.</summary>
    public long HeldRequests => Interlocked.Read(ref _heldRequests);

    /// <summary>Origin requests that arrived before some purge answered and began their answer after it.</summary>
    public long Straddling => Interlocked.Read(ref _straddling);

    /// <summary>200 answers carrying a version that a purge of their page, answered before they were written, had already superseded.</summary>
    public long RacyFills => Interlocked.Read(ref _racyFills);

    /// <summary>The same for 304 answers to revalidations: they would freshen superseded content.</summary>
    public long RacyRevalidations => Interlocked.Read(ref _racyRevalidations);

    /// <summary>Times the purger went on because its wait for traffic hit the safety bound.</summary>
    public long Stalls => Interlocked.Read(ref _stalls);

    public static string Path(int page) => string.Create(CultureInfo.InvariantCulture, $"/p/{page}");

    public static string Tag(int page) => string.Create(CultureInfo.InvariantCulture, $"page-{page}");

    public static string GroupTag(int page) => string.Create(CultureInfo.InvariantCulture, $"group-{page % 4}");

    public static string Body(int page, long version) => string.Create(CultureInfo.InvariantCulture, $"p{page} v{version}");

    /// <summary>The version in a body written by <see cref="Body"/>, or -1 when the body is not this page's.</summary>
    public static long VersionIn(string body, int page)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"p{page} v");
        return body.StartsWith(prefix, StringComparison.Ordinal)
            && long.TryParse(body.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : -1;
    }

    public long Version(int page) => Interlocked.Read(ref _versions[page]);

    /// <summary>The version of the latest answered purge of <paramref name="page"/>: no response started later may be older.</summary>
    public long RequiredVersion(int page) => Interlocked.Read(ref _required[page]);

    /// <summary>The origin serves the next version of <paramref name="page"/> from now on; returns it.</summary>
    public long Publish(int page) => Interlocked.Increment(ref _versions[page]);

    /// <summary>A purge of <paramref name="page"/> published at <paramref name="version"/> has answered.</summary>
    public void Answered(int page, long version)
    {
        Interlocked.Exchange(ref _required[page], version);
        Interlocked.Increment(ref _purgesAnswered);
    }

    /// <summary>Lets every held origin request answer.</summary>
    public void ReleaseHeld() => Interlocked.Exchange(ref _gate, NewSignal()).TrySetResult();

    /// <summary>Holds nothing any more and releases what is held.</summary>
    public void Stop()
    {
        Interlocked.Exchange(ref _stopped, 1);
        ReleaseHeld();
    }

    /// <summary>A client saw a response.</summary>
    public void ResponseSeen()
    {
        Interlocked.Increment(ref _responses);
        Pulse();
    }

    /// <summary>A page with a held origin request, if any: the purger prefers those, to race them.</summary>
    public int? HeldPage(Random random)
    {
        var start = random.Next(Pages);
        for (var i = 0; i < Pages; i++)
        {
            var page = (start + i) % Pages;
            if (Volatile.Read(ref _heldPerPage[page]) > 0)
            {
                return page;
            }
        }

        return null;
    }

    /// <summary>
    /// Waits until clients saw <paramref name="responses"/> more responses, or as many origin requests as allowed
    /// are held (clients may then all be waiting behind them). The bound only guards against a stall.
    /// </summary>
    public async Task WaitForTrafficAsync(int responses, TimeSpan bound)
    {
        var target = Responses + responses;
        for (var checks = 0; checks < 1_000_000; checks++)
        {
            var signal = Volatile.Read(ref _traffic);
            if (Responses >= target || Volatile.Read(ref _held) >= MaxHeld)
            {
                return;
            }

            try
            {
                await signal.Task.WaitAsync(bound);
            }
            catch (TimeoutException)
            {
                Interlocked.Increment(ref _stalls);
                return;
            }
        }
    }

    /// <summary>The origin handler for every page.</summary>
    public async Task ServeAsync(HttpContext context)
    {
        Interlocked.Increment(ref _originRequests);
        var page = int.Parse(context.Request.Path.Value.AsSpan("/p/".Length), NumberStyles.None, CultureInfo.InvariantCulture);
        var version = Version(page);
        var answeredAtArrival = PurgesAnswered;
        var etag = string.Create(CultureInfo.InvariantCulture, $"\"v{version}\"");
        var notModified = context.Request.Headers.IfNoneMatch.ToString() == etag;

        await DelayAsync(page);

        // Checked before the answer is written: the proxy stores it only after reading all of it, so a purge
        // that has answered by now certainly answered before that store.
        if (PurgesAnswered > answeredAtArrival)
        {
            Interlocked.Increment(ref _straddling);
        }

        if (RequiredVersion(page) > version)
        {
            Interlocked.Increment(ref notModified ? ref _racyRevalidations : ref _racyFills);
        }

        var response = context.Response;
        response.StatusCode = notModified ? StatusCodes.Status304NotModified : StatusCodes.Status200OK;
        response.Headers.CacheControl = "max-age=3600";
        response.Headers.ETag = etag;
        response.Headers["Cache-Tag"] = Tag(page) + "," + GroupTag(page);
        if (!notModified)
        {
            response.ContentType = "text/plain";
            await response.WriteAsync(Body(page, version));
        }
    }

    private async Task DelayAsync(int page)
    {
        if (Volatile.Read(ref _stopped) == 0 && Random.Shared.Next(3) == 0 && TryTakeHoldSlot())
        {
            var gate = Volatile.Read(ref _gate);
            Interlocked.Increment(ref _heldPerPage[page]);
            Interlocked.Increment(ref _heldRequests);
            Pulse();
            try
            {
                // Stop swaps the gate after setting _stopped: a gate taken after the swap sees _stopped here.
                if (Volatile.Read(ref _stopped) == 0)
                {
                    await gate.Task;
                }
            }
            finally
            {
                Interlocked.Decrement(ref _heldPerPage[page]);
                Interlocked.Decrement(ref _held);
            }

            return;
        }

        var yields = Random.Shared.Next(20);
        for (var i = 0; i < yields; i++)
        {
            await Task.Yield();
        }
    }

    private bool TryTakeHoldSlot()
    {
        while (true)
        {
            var held = Volatile.Read(ref _held);
            if (held >= MaxHeld)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _held, held + 1, held) == held)
            {
                return true;
            }
        }
    }

    private void Pulse() => Interlocked.Exchange(ref _traffic, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
