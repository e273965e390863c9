// The configuration examples the documentation shows are read from the pages themselves (README.md, "Put
// Lacquer in front of your site"; docs/configuration.md, "A complete example" and the zone examples) and go
// through the server's own configuration reading (ServerConfiguration, as `lacquer serve` and `check-config`
// do). As written, each is valid except for what belongs to the machine it runs on (certificate files, the
// request log's directory): so every setting it names exists and every value is accepted. With only those, the
// listen addresses and the origins replaced by command-line overrides, the server starts, and the README's site
// is served over https and http from both of its origins.
using System.Net;
using System.Text.Json;
using Lacquer.Cli;
using Lacquer.Harness;
using Lacquer.Security;
using Microsoft.Extensions.Logging;

namespace Lacquer.Hosting;

public sealed class DocumentedExamplesTests : IDisposable
{
    private readonly TestCertificates _files = new();

    [Fact]
    public async Task The_Readme_Example_Names_Only_Real_Settings_And_Starts_Serving_The_Site_Over_Https_From_Both_Origins()
    {
        var file = _files.WriteFile("readme.json", JsonBlock("README.md", "## Put Lacquer in front of your site"));

        // As written: only the certificate files, which this machine does not have, are missing.
        var (asWritten, problem) = ServerConfiguration.Read(null, file, []);
        Assert.Null(problem);
        Assert.NotEmpty(asWritten!.Errors);
        Assert.All(asWritten.Errors, error => Assert.Matches("^tls:certificates:0:(certificate|key)$", error.Path));

        await using var a = await KestrelOrigin.StartAsync("a");
        await using var b = await KestrelOrigin.StartAsync("b");
        var site = _files.Write("example", "www.example.com", "www.example.com");
        var (result, _) = ServerConfiguration.Read(null, file,
        [
            "--listen:proxy:0=http://127.0.0.1:0", "--listen:proxy:1=https://127.0.0.1:0", "--listen:admin=http://127.0.0.1:0",
            $"--tls:certificates:0:certificate={site.Certificate}", $"--tls:certificates:0:key={site.Key}",
            $"--zones:0:origins:0={a.Uri}", $"--zones:0:origins:1={b.Uri}",
        ]);
        var settings = Assert.IsType<Configuration.LacquerSettings>(result!.Settings);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.Zones[0].OriginPool.HealthCheck.Interval);

        await using var server = await LacquerServer.StartAsync(settings, new ManualTimeProvider(), logging => logging.SetMinimumLevel(LogLevel.None));
        Assert.Equal(["http", "https"], server.ProxyUris.Select(uri => uri.Scheme));
        var served = new List<string>();
        foreach (var version in new[] { HttpVersion.Version20, HttpVersion.Version11 })
        {
            var (exchange, subject, _) = await EdgeClient.Get(server.ProxyUris[1], "www.example.com", "/page", version);
            served.Add(exchange.ExpectStatus(200).Text);
            Assert.Equal("CN=www.example.com", subject);
        }

        using var plain = new ProxyClient(server.ProxyUris[0], "www.example.com");
        (await plain.Get("/page")).ExpectStatus(200);
        Assert.Equal(["a", "b"], served.Order());

        // /api/stats shows each origin's health, as the README says.
        using var admin = new ProxyClient(server.AdminUri, "127.0.0.1");
        using var stats = JsonDocument.Parse((await admin.Get("/api/stats")).ExpectStatus(200).Body);
        var origins = stats.RootElement.GetProperty("zones").GetProperty("example").GetProperty("origins");
        Assert.Equal(settings.Zones[0].OriginPool.Origins.Select(origin => origin.OriginalString), origins.EnumerateArray().Select(origin => origin.GetProperty("url").GetString()));
        Assert.Equal([a.Uri.Port, b.Uri.Port], settings.Zones[0].OriginPool.Origins.Select(origin => origin.Port));
    }

    [Fact]
    public async Task The_Complete_Example_Of_The_Configuration_Page_Is_Valid_And_Starts()
    {
        var file = _files.WriteFile("complete.json", JsonBlock("docs/configuration.md", "## A complete example"));

        // As written: only the certificate files and the request log's directory belong to another machine.
        var (asWritten, problem) = ServerConfiguration.Read(null, file, []);
        Assert.Null(problem);
        Assert.All(asWritten!.Errors, error => Assert.Matches("^(tls:certificates:[01]:(certificate|key)|log:requests)$", error.Path));

        var images = _files.Write("images", "images.example.com", "images.example.com");
        var www = _files.Write("www", "www.example.com", "www.example.com");
        var (result, _) = ServerConfiguration.Read(null, file,
        [
            "--listen:proxy:0=http://127.0.0.1:0", "--listen:proxy:1=https://127.0.0.1:0", "--listen:proxy:2=http://127.0.0.1:0",
            "--listen:admin=http://127.0.0.1:0",
            $"--tls:certificates:0:certificate={images.Certificate}", $"--tls:certificates:0:key={images.Key}",
            $"--tls:certificates:1:certificate={www.Certificate}", $"--tls:certificates:1:key={www.Key}",
            $"--log:requests={Path.Combine(_files.Directory, "access.log")}",
        ]);
        Assert.Empty(result!.Errors);
        var settings = result.Settings!;
        Assert.Equal((64, 10_000), (settings.Upgrades.PerClient, settings.Upgrades.Total));

        await using var server = await LacquerServer.StartAsync(settings, new ManualTimeProvider(), logging => logging.SetMinimumLevel(LogLevel.None));
        Assert.Equal(3, server.ProxyUris.Count);
        using var admin = new ProxyClient(server.AdminUri, "127.0.0.1");
        (await admin.Get("/healthz")).ExpectStatus(200);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void The_Zone_Examples_Of_The_Configuration_Page_Are_Valid(int index)
    {
        var zone = JsonBlock("docs/configuration.md", "## `zones` (required, at least one)", index);
        var file = _files.WriteFile($"zone{index}.json", $$"""{ "zones": [ {{zone}} ] }""");

        var (result, problem) = ServerConfiguration.Read(null, file, []);

        Assert.Null(problem);
        Assert.Empty(result!.Errors);
    }

    public void Dispose() => _files.Dispose();

    /// <summary>The <paramref name="index"/>-th ```json block after <paramref name="heading"/> in a file of the repository, before the next heading of its level.</summary>
    private static string JsonBlock(string page, string heading, int index = 0)
    {
        var text = File.ReadAllText(Path.Combine(Diagnostics.DashboardTests.RepositoryRoot(), page)).ReplaceLineEndings("\n");
        var start = text.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{page} has no heading {heading}");
        var level = heading[..(heading.IndexOf(' ', StringComparison.Ordinal) + 1)];
        var end = text.IndexOf("\n" + level, start + heading.Length + 1, StringComparison.Ordinal);
        var section = end < 0 ? text[start..] : text[start..end];
        var blocks = section.Split("```json\n").Skip(1).Select(block => block[..block.IndexOf("```", StringComparison.Ordinal)]).ToList();
        Assert.True(blocks.Count > index, $"{page}, {heading}: no JSON example number {index + 1}");
        return blocks[index];
    }
}
