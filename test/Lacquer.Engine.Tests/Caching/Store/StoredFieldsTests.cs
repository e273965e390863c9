// A stored field list with its ETag and Last-Modified held apart (StoredFields) reads back exactly as given:
// the same names, values and order, for validators anywhere in the list, in any case, or absent; a validator
// of several field lines stays in the list. Lists differing only in their validators become equal (shareable).
using Microsoft.Extensions.Primitives;

namespace Lacquer.Caching.Store;

public sealed class StoredFieldsTests
{
    public static TheoryData<string[], string?, string?> Lists => new()
    {
        { ["Content-Type: text/plain", "Cache-Control: max-age=60"], null, null },
        { ["ETag: \"a-1\"", "Content-Type: text/plain"], "\"a-1\"", null },
        { ["Content-Type: text/plain", "Last-Modified: Wed, 01 Jan 2025 10:00:00 GMT", "X-Tail: t"], null, "Wed, 01 Jan 2025 10:00:00 GMT" },
        { ["Date: Wed, 02 Jul 2025 10:00:00 GMT", "etag: W/\"b\"", "X: 1", "last-modified: Tue, 01 Jul 2025 10:00:00 GMT"], "W/\"b\"", "Tue, 01 Jul 2025 10:00:00 GMT" },
        { ["ETag: \"one\"|\"two\"", "Last-Modified: Tue, 01 Jul 2025 10:00:00 GMT"], null, "Tue, 01 Jul 2025 10:00:00 GMT" },
        { [], null, null },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void A_Split_List_Reads_Back_As_Given_With_Its_Validators_Held_Apart(string[] lines, string? etag, string? lastModified)
    {
        var given = Fields(lines);

        var stored = StoredFields.Split(new StoredFields(given, null, null), new SharedStrings());

        Assert.Equal(etag, stored.ETag);
        Assert.Equal(lastModified, stored.LastModified);
        Assert.Equal(Lines(given), Lines(stored.ToArray()));
        var enumerated = new List<KeyValuePair<string, StringValues>>();
        foreach (var field in stored)
        {
            enumerated.Add(field);
        }

        Assert.Equal(Lines(given), Lines([.. enumerated]));
        Assert.Equal(given.Length, stored.Count);
        foreach (var (name, value) in given)
        {
            Assert.Equal(value, stored.Find(name.ToUpperInvariant()));
        }

        Assert.Equal(StringValues.Empty, stored.Find("X-Absent"));

        // Split again (an entry inserted a second time): the same.
        var again = StoredFields.Split(stored, new SharedStrings());
        Assert.Equal(Lines(given), Lines(again.ToArray()));
        Assert.Equal(etag, again.ETag);
    }

    [Fact]
    public void Lists_Differing_Only_In_Their_Validators_Hold_Equal_Fields()
    {
        var shared = new SharedStrings();
        var first = StoredFields.Split(new StoredFields(Fields(["Content-Type: a", "ETag: \"1\"", "Last-Modified: Wed, 01 Jan 2025 10:00:00 GMT"]), null, null), shared);
        var second = StoredFields.Split(new StoredFields(Fields(["Content-Type: a", "ETag: \"2\"", "Last-Modified: Thu, 02 Jan 2025 10:00:00 GMT"]), null, null), shared);
        var arrays = new SharedArrays();

        Assert.Same(arrays.Share(first.Held), arrays.Share(second.Held));
        Assert.Equal("\"2\"", second.Over(first.Held).Find("ETag"));
        Assert.Equal("Thu, 02 Jan 2025 10:00:00 GMT", second.Over(first.Held)[2].Value);
    }

    /// <summary>"Name: value" lines, fresh strings; "|" separates the lines of a field given several times.</summary>
    private static KeyValuePair<string, StringValues>[] Fields(string[] lines) =>
        [.. lines.Select(line =>
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var values = line[(colon + 2)..].Split('|');
            return new KeyValuePair<string, StringValues>(new string(line.AsSpan(0, colon)), new StringValues(values));
        })];

    private static string[] Lines(KeyValuePair<string, StringValues>[] fields) =>
        [.. fields.Select(field => $"{field.Key}: {string.Join("|", (IEnumerable<string?>)field.Value)}")];
}
