namespace Lacquer.Diagnostics;

/// <summary>The request log's line format (<c>log:format</c>).</summary>
internal enum RequestLogFormat
{
    /// <summary>NCSA combined (as nginx and varnishncsa write it) followed by Lacquer's key=value fields.</summary>
    Combined,

    /// <summary>One JSON object per line.</summary>
    Json,
}
