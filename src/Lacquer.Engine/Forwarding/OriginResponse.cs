using Lacquer.Forwarding.Pools;

namespace Lacquer.Forwarding;

/// <summary>
/// The outcome of sending a request to the origin: a response whose body is still to be read, or an error.
/// Owns the response, the timeout that guards reads of its body and the origin's in-flight count; dispose it when done.
/// </summary>
internal sealed class OriginResponse : IDisposable
{
    private readonly CancellationTokenSource? _timeout;
    private readonly OriginDestination? _origin;
    private bool _detached;

    public OriginResponse(HttpResponseMessage response, CancellationTokenSource timeout, OriginDestination? origin = null)
    {
        Message = response;
        _timeout = timeout;
        _origin = origin;
    }

    public OriginResponse(OriginError error, CancellationTokenSource? timeout)
    {
        Error = error;
        _timeout = timeout;
    }

    public HttpResponseMessage? Message { get; }

    public OriginError Error { get; }

    /// <summary>Cancelled when the origin stalls for longer than the timeout or the client leaves.</summary>
    public CancellationToken BodyToken => _timeout?.Token ?? CancellationToken.None;

    /// <summary>Re-arms the idle timeout after the origin made progress.</summary>
    public void Progressed(TimeSpan timeout) => _timeout?.CancelAfter(timeout);

    /// <summary>Moves the response and its timeout to a new owner (a fill that reads the body on its own); disposing this one then does nothing.</summary>
    public OriginResponse Detach()
    {
        _detached = true;
        return new OriginResponse(Message!, _timeout!, _origin);
    }

    public void Dispose()
    {
        if (_detached)
        {
            return;
        }

        Message?.Dispose();
        _timeout?.Dispose();
        _origin?.Ended();
    }
}
