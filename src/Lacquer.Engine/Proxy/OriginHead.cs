// The head of an origin response, read once: the fields the client sees, the fields a stored copy keeps,
// the raw values the RFC 9111 rules need, and the tags.
//
// Removed before anything else sees them: hop-by-hop fields (RFC 9110 §7.6.1, and those named in
// Connection), the zone's tag fields (stripped from client responses), and fields whose values
// contain characters HTTP does not allow (the origin's fault; logged, and the rest of the response served).
// A Content-Length received together with Transfer-Encoding is removed too (RFC 9112 §6.3; ResponseFraming),
// and so is any Content-Length of a 204, 205 or 304, which are forwarded without content whatever the origin
// sent (StatusSemantics.HasNoContent): RFC 9110 §8.6 forbids it on a 204, and on a 304 to a request Lacquer
// made unconditional it would describe nothing the client asked about.
// A stored copy also drops Age: a hit computes its own (RFC 9111 §4.2.3).
using Lacquer.Caching.Semantics;
using Lacquer.Forwarding;
using Lacquer.Zones;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Lacquer.Proxy;

internal sealed class OriginHead
{
    private OriginHead(int status, List<KeyValuePair<string, StringValues>> fields, string[] tags, ResponseFacts facts, long? contentLength, string? targeted)
    {
        TargetedCacheControl = targeted;
        Status = status;
        Fields = fields;
        Tags = tags;
        Facts = facts;
        ContentLength = contentLength;
    }

    public int Status { get; }

    /// <summary>The fields forwarded to the client, in the origin's order (Age included).</summary>
    public List<KeyValuePair<string, StringValues>> Fields { get; }

    public string[] Tags { get; }

    public ResponseFacts Facts { get; }

    public long? ContentLength { get; }

    /// <summary>The targeted cache-control value (RFC 9213) that governs this response, if any.</summary>
    public string? TargetedCacheControl { get; }

    public static OriginHead Read(HttpResponseMessage response, Zone zone, ILogger logger, string url)
    {
        // One list, sized once, holds the origin's fields; the tags, the targeted field and the Connection names
        // are read from it whole, then the fields the client must not see are removed from it in place. (Every
        // miss reads a head: a second list, a grown one and a closure here were a fifth of a miss's garbage.)
        var responseFields = response.Headers.NonValidated;
        var contentFields = response.Content.Headers.NonValidated;
        var fields = new List<KeyValuePair<string, StringValues>>(responseFields.Count + contentFields.Count);
        Collect(fields, responseFields);
        Collect(fields, contentFields);

        var connectionNamed = HopByHop.NamedIn(HeaderFields.Find(fields, HeaderNames.Connection));
        var status = (int)response.StatusCode;
        var dropLength = ResponseFraming.HasTransferEncoding(response) || StatusSemantics.HasNoContent(status);
        var tags = zone.TagHeaders.Parse(fields);
        var targeted = Targeted(zone, fields);
        var kept = 0;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (HopByHop.Excludes(field.Key, connectionNamed) || zone.TagHeaders.IsTagHeader(field.Key)
                || (zone.StripTargetedCacheControl && IsTargeted(zone, field.Key))
                || (dropLength && field.Key.Equals(HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (!IsValidValue(field.Value))
            {
                ProxyLog.InvalidOriginHeader(logger, field.Key, url);
                continue;
            }

            fields[kept++] = field;
        }

        fields.RemoveRange(kept, fields.Count - kept);
        var facts = HeaderFields.Facts(status, fields, targeted);
        var contentLength = dropLength ? null : response.Content.Headers.ContentLength;
        return new OriginHead(status, fields, tags, facts, contentLength, targeted);
    }

    /// <summary>
    /// RFC 9213 §2.2: the first targeted field, in the zone's order, that is usable; an empty field, or one that is
    /// not a valid Dictionary of directives, is ignored as if absent (§2.1, CacheControl.ParseTargeted).
    /// </summary>
    private static string? Targeted(Zone zone, List<KeyValuePair<string, StringValues>> fields)
    {
        foreach (var name in zone.TargetedCacheControl)
        {
            var value = HeaderFields.Joined(fields, name);
            if (CacheControl.ParseTargeted(value) is not null)
            {
                return value;
            }
        }

        return null;
    }

    private static bool IsTargeted(Zone zone, string name)
    {
        foreach (var targeted in zone.TargetedCacheControl)
        {
            if (targeted.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The fields a stored copy keeps: everything the client saw except Age.</summary>
    public KeyValuePair<string, StringValues>[] StoredFields()
    {
        var count = 0;
        foreach (var field in Fields)
        {
            if (!IsAge(field.Key))
            {
                count++;
            }
        }

        var stored = new KeyValuePair<string, StringValues>[count];
        var i = 0;
        foreach (var field in Fields)
        {
            if (!IsAge(field.Key))
            {
                stored[i++] = field;
            }
        }

        return stored;
    }

    private static bool IsAge(string name) => name.Equals(HeaderNames.Age, StringComparison.OrdinalIgnoreCase);

    /// <summary>Each field with its lines; a field of one line keeps that string itself, without an array around it.</summary>
    private static void Collect(List<KeyValuePair<string, StringValues>> into, System.Net.Http.Headers.HttpHeadersNonValidated headers)
    {
        foreach (var (name, values) in headers)
        {
            if (values.Count == 1)
            {
                foreach (var value in values)
                {
                    into.Add(new(name, value));
                }

                continue;
            }

            var array = new string[values.Count];
            var i = 0;
            foreach (var value in values)
            {
                array[i++] = value;
            }

            into.Add(new(name, new StringValues(array)));
        }
    }

    /// <summary>Visible ASCII, space and tab only: what Kestrel will write and RFC 9110 §5.5 allows from us.</summary>
    private static bool IsValidValue(StringValues values)
    {
        foreach (var value in values)
        {
            foreach (var c in value ?? string.Empty)
            {
                if ((c < 0x20 && c != '\t') || c > 0x7E)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
