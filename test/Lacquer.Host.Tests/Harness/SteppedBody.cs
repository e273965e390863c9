// An origin handler that sends a body in equal steps: the first at once, each next one when the test
// releases it. Lets a test act "in the middle of a body" (a client leaving, a purge, a timeout) knowing
// exactly how much the origin has sent.
using Microsoft.AspNetCore.Http;

namespace Lacquer.Harness;

internal sealed class SteppedBody(byte[] body, int steps)
{
    private readonly TaskCompletionSource[] _releases = [.. Enumerable.Range(1, steps - 1).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int StepLength => body.Length / steps;

    /// <summary>Completes when the origin has written the whole body.</summary>
    public Task Finished => _finished.Task;

    public async Task ServeAsync(HttpContext context, string cacheControl)
    {
        context.Response.ContentLength = body.Length;
        context.Response.Headers.CacheControl = cacheControl;
        try
        {
            for (var step = 0; step < steps; step++)
            {
                if (step > 0)
                {
                    await _releases[step - 1].Task;
                }

                var length = step == steps - 1 ? body.Length - (step * StepLength) : StepLength;
                await context.Response.Body.WriteAsync(body.AsMemory(step * StepLength, length));
                await context.Response.Body.FlushAsync();
            }

            _finished.TrySetResult();
        }
        catch (Exception exception)
        {
            _finished.TrySetException(exception);
            throw;
        }
    }

    public void ReleaseAll()
    {
        foreach (var release in _releases)
        {
            release.TrySetResult();
        }
    }
}
