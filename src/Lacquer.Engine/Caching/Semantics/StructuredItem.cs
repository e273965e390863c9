// Owns: one parsed value of a Structured Field Dictionary member (RFC 8941 §3.3): its type, and the parts of
// its value the targeted cache-control rules read (an Integer's number, a String's text, a Boolean's truth).
namespace Lacquer.Caching.Semantics;

internal readonly record struct StructuredItem(StructuredItemKind Kind, string? Text, long Integer)
{
    public static StructuredItem True => new(StructuredItemKind.Boolean, null, 1);

    public static StructuredItem False => new(StructuredItemKind.Boolean, null, 0);

    public static StructuredItem InnerList => new(StructuredItemKind.InnerList, null, 0);

    public bool IsTrue => Kind == StructuredItemKind.Boolean && Integer == 1;
}
