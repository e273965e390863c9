// End to end with the official Cloudflare SDK for JavaScript (npm "cloudflare" 5.x, pinned in
// test/cloudflare-sdk): a client written against Cloudflare must work unchanged (docs/compat.md, "Cloudflare purge_cache"). The test
// caches entries, runs test/cloudflare-sdk/purge.mjs with node against the admin listener for every body
// variant, and checks each call's result and what it evicted. node_modules comes from
// `npm ci --prefix test/cloudflare-sdk` (.ci/run does it); without it the test fails and says so.
using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Lacquer.Harness;

namespace Lacquer.Purge.Api.Cloudflare;

public sealed class CloudflareSdkTests
{
    private static readonly string[] Www = [$"Host: {PurgeTestSettings.WwwHost}"];
    private static readonly string[] Other = [$"Host: {PurgeTestSettings.OtherHost}"];
    private static readonly string[] Mobile = ["CF-Device-Type: mobile"];
    private static readonly string[] Desktop = ["CF-Device-Type: desktop"];

    [Fact]
    public async Task Official_Sdk_Purges_Every_Body_Variant_And_Reports_A_Wrong_Token_As_PermissionDeniedError()
    {
        var sdk = SdkDirectory();
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure(zone => zone with { CacheKeyHeaders = ["CF-Device-Type"] }));
        await c.Store("/files-1", "f1");
        await c.Store("/obj", "obj-mobile1", send: Mobile);
        await c.Store("/obj", "obj-desktop1", send: Desktop);
        await c.Store("/tagged", "t1", reply: ["Cache-Tag: sdk-red"]);
        await c.Store("/host-page", "h1", send: Www);
        await c.Store("/pre", "pre1");
        await c.Store("/pre/x?y=1", "prex1");
        await c.Store("/preview", "preview1");
        await c.Store("/keep", "keep1", reply: ["Cache-Tag: sdk-blue"]);
        await c.Store("/everything", "e1", send: Other);

        var results = await RunSdkAsync(sdk, c, $$$"""
            [
              {"name":"wrong-token","token":"not-the-secret","params":{"purge_everything":true}},
              {"name":"files","params":{"files":["http://test.example/files-1"]}},
              {"name":"files-objects","params":{"files":[{"url":"http://test.example/obj","headers":{"CF-Device-Type":"mobile"}}]}},
              {"name":"tags","params":{"tags":["SDK-RED"]}},
              {"name":"hosts","params":{"hosts":["www.test.example"]}},
              {"name":"prefixes","params":{"prefixes":["test.example/pre"]}},
              {"name":"purge_everything","zone_id":"{{{PurgeTestSettings.OtherZoneId}}}","params":{"purge_everything":true}}
            ]
            """);

        Assert.Equal(["wrong-token", "files", "files-objects", "tags", "hosts", "prefixes", "purge_everything"], results.Select(r => r.GetProperty("name").GetString()));
        var wrongToken = results[0];
        Assert.False(wrongToken.GetProperty("ok").GetBoolean(), wrongToken.ToString());
        Assert.Equal("PermissionDeniedError", wrongToken.GetProperty("error").GetString());
        Assert.Equal(403, wrongToken.GetProperty("status").GetInt32());
        var ids = new HashSet<string>();
        foreach (var result in results.Skip(1))
        {
            Assert.True(result.GetProperty("ok").GetBoolean(), $"The SDK call failed: {result}");
            var id = result.GetProperty("id").GetString() ?? string.Empty;
            Assert.Matches("^[0-9a-f]{32}$", id);
            Assert.True(ids.Add(id), $"Purge id {id} was returned twice.");
        }

        Assert.Equal(6, c.Server.Purges.Audit.Snapshot().Length);
        await c.ExpectRefetched("/files-1", "f2");
        await c.ExpectRefetched("/obj", "obj-mobile2", send: Mobile);
        await c.ExpectHit("/obj", "obj-desktop1", send: Desktop);
        await c.ExpectRefetched("/tagged", "t2");
        await c.ExpectRefetched("/host-page", "h2", send: Www);
        await c.ExpectRefetched("/pre", "pre2");
        await c.ExpectRefetched("/pre/x?y=1", "prex2");
        await c.ExpectHit("/preview", "preview1");
        await c.ExpectHit("/keep", "keep1");
        await c.ExpectRefetched("/everything", "e2", send: Other);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Official_Sdk_Sends_The_Wait_Mode_Through_Its_Request_Options()
    {
        var sdk = SdkDirectory();
        await using var c = await Conversation.StartAsync(PurgeTestSettings.Configure());
        await c.Store("/tagged", "t1", reply: ["Cache-Tag: sdk-wait"]);

        var results = await RunSdkAsync(sdk, c, """
            [
              {"name":"query-bad","params":{"tags":["sdk-wait"]},"options":{"query":{"wait":"soon"}}},
              {"name":"header-bad","params":{"tags":["sdk-wait"]},"options":{"headers":{"Lacquer-Purge-Wait":"soon"}}},
              {"name":"query-all","params":{"tags":["sdk-wait"]},"options":{"query":{"wait":"all"}}}
            ]
            """);

        foreach (var refused in results.Take(2))
        {
            Assert.False(refused.GetProperty("ok").GetBoolean(), refused.ToString());
            Assert.Equal("BadRequestError", refused.GetProperty("error").GetString());
            Assert.Contains("must be all, local or none", refused.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        Assert.True(results[2].GetProperty("ok").GetBoolean(), results[2].ToString());
        Assert.Single(c.Server.Purges.Audit.Snapshot());
        await c.ExpectRefetched("/tagged", "t2");
        c.Origin.ExpectAllConsumed();
    }

    /// <summary>test/cloudflare-sdk with its node_modules installed; fails the test with what to run otherwise.</summary>
    private static string SdkDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Lacquer.slnx")))
        {
            directory = directory.Parent;
        }

        Assert.True(directory is not null, $"No folder above {AppContext.BaseDirectory} contains Lacquer.slnx; cannot find test/cloudflare-sdk.");
        var sdk = Path.Combine(directory.FullName, "test", "cloudflare-sdk");
        Assert.True(
            File.Exists(Path.Combine(sdk, "node_modules", "cloudflare", "package.json")),
            $"The Cloudflare SDK is not installed in {sdk}: run `npm ci --prefix test/cloudflare-sdk` in the repository root (.ci/run does this before dotnet test).");
        return sdk;
    }

    /// <summary>Runs purge.mjs against the admin listener and returns its JSON lines, one per operation.</summary>
    private static async Task<JsonElement[]> RunSdkAsync(string sdk, Conversation c, string operations)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = sdk,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(sdk, "purge.mjs"));
        start.Environment["LACQUER_BASE_URL"] = new Uri(c.Admin.Listener, "/client/v4").ToString();
        start.Environment["LACQUER_ZONE_ID"] = TestSettings.ZoneId;
        start.Environment["LACQUER_TOKEN"] = PurgeTestSettings.Secret;
        start.Environment["LACQUER_OPERATIONS"] = operations;

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception exception)
        {
            Assert.Fail($"Could not start node ({exception.Message}); node and npm must be installed to run the Cloudflare SDK test.");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"purge.mjs did not exit within 60 seconds. stderr: {await stderr}");
            }

            var output = await stdout;
            Assert.True(process.ExitCode == 0, $"purge.mjs exited with {process.ExitCode}. stdout: {output} stderr: {await stderr}");
            return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse)];
        }
    }

    private static JsonElement Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }
}
