namespace Lacquer.Configuration;

/// <summary>
/// What a configuration section holds. <see cref="Microsoft.Extensions.Configuration.IConfiguration"/>
/// flattens JSON, so the shape is recovered from the section: JSON <c>null</c> and <c>{}</c> read as
/// <see cref="Missing"/>, <c>[]</c> and <c>""</c> as <see cref="Empty"/>, an array as children
/// keyed <c>0</c>, <c>1</c>, ...
/// </summary>
internal enum NodeShape
{
    /// <summary>Not set, JSON <c>null</c> or <c>{}</c>.</summary>
    Missing,

    /// <summary>An empty string or an empty JSON array.</summary>
    Empty,

    /// <summary>A single non-empty value.</summary>
    Value,

    /// <summary>Children whose keys are all indexes.</summary>
    Array,

    /// <summary>Children with named keys.</summary>
    Object,

    /// <summary>Both a value and children, e.g. an environment variable set on a JSON object's path.</summary>
    Conflict,
}
