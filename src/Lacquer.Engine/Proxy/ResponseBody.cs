// Writing a stored body to the client. Kestrel copies whatever it is given into its pipe, and a plain
// Body.WriteAsync copies into the pipe's 4 KiB pool blocks: a 1 MiB body is 256 blocks, each rented, filled,
// sent and returned, and that bookkeeping (not the copy itself) made a 1 MiB hit cost 260-300 us of user CPU
// against Varnish's 50 (docs/performance.md, "1 MiB hits"). Asking the body writer for memory of a chunk's size
// makes the pipe rent one array for the whole chunk (a size hint above the pool's block size is served from
// ArrayPool), so each chunk is one copy and one socket send. 64 KiB chunks, the size of Kestrel's default
// response buffer, measured best: larger ones outrun the array pool under 64 connections, smaller ones flush
// more often, and bodies of one chunk or less gain nothing over Body.WriteAsync.
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Proxy;

internal static class ResponseBody
{
    internal const int ChunkBytes = 64 * 1024;

    /// <summary>Not async itself, so that a small body (every 1 KiB hit) goes straight to Body.WriteAsync with no wrapper.</summary>
    public static ValueTask WriteAsync(HttpResponse response, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        body.Length <= ChunkBytes
            ? response.Body.WriteAsync(body, cancellationToken)
            : CopyAsync(response.BodyWriter, body, cancellationToken);

    /// <summary>
    /// Writes a piece of a body that is still arriving (CachingProxy.Fill.cs); false once the client is gone. Always
    /// through memory of the piece's size, small pieces too: a body arriving in pieces of 16-64 KiB would otherwise
    /// go the 4 KiB-block way piece by piece. A write to a connection Kestrel has dropped completes without error,
    /// so the request's abort is checked too.
    /// </summary>
    public static async ValueTask<bool> TryWriteAsync(HttpResponse response, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        try
        {
            await CopyAsync(response.BodyWriter, body, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ConnectionResetException)
        {
            return false;
        }

        return !cancellationToken.IsCancellationRequested;
    }

    /// <summary>Copies <paramref name="body"/> into the pipe a chunk at a time, flushing each (the multipart writer uses it for each part).</summary>
    internal static async ValueTask CopyAsync(PipeWriter writer, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        while (!body.IsEmpty)
        {
            var wanted = Math.Min(body.Length, ChunkBytes);
            var target = writer.GetMemory(wanted);
            var count = Math.Min(wanted, target.Length);
            body.Span[..count].CopyTo(target.Span);
            writer.Advance(count);
            body = body[count..];
            var flushed = await writer.FlushAsync(cancellationToken);
            if (flushed.IsCompleted || flushed.IsCanceled)
            {
                return; // the client is gone; Kestrel has already dropped the connection
            }
        }
    }
}
