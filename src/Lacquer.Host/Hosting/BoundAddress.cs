// Reads back the addresses a started WebApplication listens on, which is how port 0 (ephemeral) becomes a URL.
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Lacquer.Hosting;

internal static class BoundAddress
{
    /// <summary>The first bound address.</summary>
    public static Uri Of(WebApplication app) => All(app)[0];

    /// <summary>Every bound address, in the order the listeners were configured.</summary>
    public static IReadOnlyList<Uri> All(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return addresses.Count > 0
            ? [.. addresses.Select(address => new Uri(address))]
            : throw new InvalidOperationException("The server reports no bound address; was it started?");
    }
}
