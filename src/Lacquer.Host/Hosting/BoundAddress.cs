// Reads back the address a started WebApplication listens on, which is how port 0 (ephemeral) becomes a URL.
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Lacquer.Hosting;

internal static class BoundAddress
{
    public static Uri Of(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("The server reports no bound address; was it started?");
        return new Uri(first);
    }
}
