// The demo's configuration, expressed as configuration keys so that it goes through the same reader and
// validation as a real file, and so that environment variables and switches can still override it.
using Lacquer.Configuration;

namespace Lacquer.Demo;

internal static class DemoConfiguration
{
    public const string ZoneId = "5f2a7c1e9b3d4a6f8e0c2b4d6a8f0e1c";

    /// <summary>The demo's API token; a demo on loopback only, never a real secret.</summary>
    public const string DemoToken = "demo-purge-token";

    /// <summary>The demo's Flextype cache token and access token (Flextype's documented example); a demo value, never a real secret.</summary>
    public const string FlextypeToken = "efe1e36e4d60fcd547e22eb9f795dff9";

    public static Dictionary<string, string?> For(Uri origin) => new()
    {
        ["listen:proxy"] = "http://127.0.0.1:8080",
        ["listen:admin"] = "http://127.0.0.1:8081",
        ["cache:maxBytes"] = "64MB",
        ["cache:maxObjectBytes"] = "4MB",
        ["zones:0:name"] = "demo",
        ["zones:0:id"] = ZoneId,
        ["zones:0:hosts:0"] = "localhost",
        ["zones:0:hosts:1"] = "127.0.0.1",
        ["zones:0:origin"] = origin.GetLeftPart(UriPartial.Authority),
        ["tokens:0:name"] = "demo-admin",
        ["tokens:0:secret"] = DemoToken,
        ["tokens:0:zones:0"] = "*",
        ["tokens:0:permissions:0"] = "purge",
        ["tokens:0:permissions:1"] = "read",

        // Every seed surface, with the credentials their documentation shows, so that the documented requests work.
        // These published credentials are accepted only because the admin listener is on loopback.
        ["compat:crafter:managementToken"] = CrafterSettings.DefaultManagementToken,
        ["compat:serviceCache:enabled"] = "true",
        ["compat:referenceServer:enabled"] = "true",
        ["compat:flextype:tokens:0:token"] = FlextypeToken,
        ["compat:flextype:tokens:0:accessToken"] = FlextypeToken,
    };
}
