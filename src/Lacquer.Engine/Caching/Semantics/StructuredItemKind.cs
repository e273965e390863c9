// Owns: the RFC 8941 §3 types a Dictionary member's value can have.
namespace Lacquer.Caching.Semantics;

internal enum StructuredItemKind
{
    Integer,
    Decimal,
    String,
    Token,
    ByteSequence,
    Boolean,
    InnerList,
}
