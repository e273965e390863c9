// Owns: the meaning of each Cache-Control directive name while parsing (RFC 9111 §5.2.1, §5.2.2,
// RFC 5861 §3-§4 stale-*, RFC 8246 §2 immutable). Only Parse calls Apply, on a fresh instance.
namespace Lacquer.Caching.Semantics;

internal sealed partial class CacheControl
{
    // Longest registered directive name is "stale-while-revalidate" (22); longer names are extensions.
    private const int MaxKnownNameLength = 32;

    private void Apply(ReadOnlySpan<char> name, ReadOnlySpan<char> value, bool hasValue, bool malformed)
    {
        if (name.IsEmpty || name.Length > MaxKnownNameLength)
        {
            return;
        }

        // §5.2: directive names are compared case-insensitively.
        Span<char> lower = stackalloc char[MaxKnownNameLength];
        var length = name.ToLowerInvariant(lower);
        switch (lower[..length])
        {
            case "no-store": // §5.2.1.5 request, §5.2.2.5 response
                NoStore = true;
                break;
            case "no-cache": // §5.2.1.4 request, §5.2.2.4 response (optionally qualified)
                NoCache = true;
                _noCacheBare |= !hasValue;
                AddFields(ref _noCacheFields, value, hasValue);
                break;
            case "private": // §5.2.2.7 (optionally qualified)
                Private = true;
                _privateBare |= !hasValue;
                AddFields(ref _privateFields, value, hasValue);
                break;
            case "public": // §5.2.2.9
                Public = true;
                break;
            case "must-revalidate": // §5.2.2.2
                MustRevalidate = true;
                break;
            case "proxy-revalidate": // §5.2.2.8
                ProxyRevalidate = true;
                break;
            case "no-transform": // §5.2.1.6, §5.2.2.6
                NoTransform = true;
                break;
            case "immutable": // RFC 8246 §2
                Immutable = true;
                break;
            case "only-if-cached": // §5.2.1.7
                OnlyIfCached = true;
                break;
            case "must-understand": // §5.2.2.3
                MustUnderstand = true;
                break;
            case "max-age": // §5.2.1.1 request, §5.2.2.1 response
                MaxAge = MaxAge.CombineWith(ReadDelta(value, hasValue, malformed));
                break;
            case "s-maxage": // §5.2.2.10
                SMaxAge = SMaxAge.CombineWith(ReadDelta(value, hasValue, malformed));
                break;
            case "max-stale": // §5.2.1.2: the bare form means "any staleness"
                if (hasValue)
                {
                    MaxStale = MaxStale.CombineWith(ReadDelta(value, hasValue, malformed));
                }
                else
                {
                    MaxStaleAny = true;
                }

                break;
            case "min-fresh": // §5.2.1.3
                MinFresh = MinFresh.CombineWith(ReadDelta(value, hasValue, malformed));
                break;
            case "stale-while-revalidate": // RFC 5861 §3
                StaleWhileRevalidate = StaleWhileRevalidate.CombineWith(ReadDelta(value, hasValue, malformed));
                break;
            case "stale-if-error": // RFC 5861 §4
                StaleIfError = StaleIfError.CombineWith(ReadDelta(value, hasValue, malformed));
                break;
            default: // §5.2.3: unrecognized extension directives are ignored.
                break;
        }
    }

    // §5.2: the argument may be a token or a quoted-string; recipients accept both forms even where the
    // directive's definition prefers one (so max-age="10" is 10). A missing or malformed argument is Invalid.
    private static DeltaSeconds ReadDelta(ReadOnlySpan<char> value, bool hasValue, bool malformed)
    {
        if (!hasValue || malformed)
        {
            return DeltaSeconds.Invalid;
        }

        return value.IndexOf('\\') < 0
            ? DeltaSeconds.Parse(value)
            : DeltaSeconds.Parse(DirectiveReader.Unescape(value));
    }

    // §5.2.2.4 / §5.2.2.7: the qualified form carries a comma-separated list of field names,
    // which are case-insensitive (RFC 9110 §5.1) and kept lower-cased, without duplicates.
    private static void AddFields(ref List<string>? fields, ReadOnlySpan<char> value, bool hasValue)
    {
        if (!hasValue)
        {
            return;
        }

        var text = DirectiveReader.Unescape(value);
        foreach (var range in text.AsSpan().Split(','))
        {
            var field = text.AsSpan()[range].Trim(" \t");
            if (field.IsEmpty)
            {
                continue;
            }

            var lowered = FieldNames.ToLower(field);
            fields ??= [];
            if (!fields.Contains(lowered))
            {
                fields.Add(lowered);
            }
        }
    }
}
