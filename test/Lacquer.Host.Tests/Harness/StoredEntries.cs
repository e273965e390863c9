// Cached entries as purge tests use them: store one, then check that it is still served from memory or that
// the origin is asked again. Each helper scripts exactly the origin exchange it needs, so a purge that
// removed too much shows up as an unscripted origin request, and one that removed too little as a hit where
// a fetch was expected.
//   await c.Store("/a", "a1", reply: ["Cache-Tag: red"]);
//   await c.ExpectHit("/a", "a1");
//   await c.ExpectRefetched("/a", "a2");
namespace Lacquer.Harness;

internal static class StoredEntries
{
    public const string CacheForAnHour = "Cache-Control: max-age=3600";

    /// <summary>Fetches <paramref name="target"/> through the proxy once: forwarded (fwd=<paramref name="fwd"/>) and stored.</summary>
    /// <param name="send">Request header lines, e.g. "Host: www.test.example".</param>
    /// <param name="reply">Origin response header lines besides the hour of freshness, e.g. "Cache-Tag: red".</param>
    public static async Task Store(this Conversation c, string target, string body, string[]? send = null, string[]? reply = null, string fwd = "miss")
    {
        c.Origin.OnGet(target).Reply(200, body, [CacheForAnHour, .. reply ?? []]);
        (await c.Client.Get(target, send ?? [])).ExpectStatus(200).ExpectMiss(fwd).ExpectStored().ExpectBody(body);
    }

    /// <summary>The stored entry is still served from memory.</summary>
    public static async Task ExpectHit(this Conversation c, string target, string body, string[]? send = null)
    {
        (await c.Client.Get(target, send ?? [])).ExpectStatus(200).ExpectHit().ExpectBody(body);
    }

    /// <summary>The entry is fetched from the origin again (fwd=miss after a hard purge, fwd=stale after a soft one) and stored.</summary>
    public static async Task ExpectRefetched(this Conversation c, string target, string body, string[]? send = null, string[]? reply = null, string fwd = "miss")
    {
        await c.Store(target, body, send, reply, fwd);
    }
}
