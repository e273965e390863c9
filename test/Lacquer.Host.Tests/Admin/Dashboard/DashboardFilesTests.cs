// The dashboard's page, script and style sheet as the admin listener serves them: embedded in the binary,
// with their content types, a Content-Security-Policy that allows no inline script, nosniff, and caching
// headers (the page revalidated on every load, the fingerprinted files kept for a year). The page is static:
// it carries no data and never the token a request presented.
using System.Text.RegularExpressions;
using Lacquer.Harness;

namespace Lacquer.Admin.Dashboard;

public sealed partial class DashboardFilesTests
{
    private const string Csp =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; require-trusted-types-for 'script'";

    [Theory]
    [InlineData("/")]
    [InlineData("/dashboard")]
    public async Task Page_Is_Html_With_Strict_Policy_And_Revalidated(string path)
    {
        await using var c = await Conversation.StartAsync();

        var page = (await c.Admin.Get(path)).ExpectStatus(200)
            .ExpectHeader("Content-Type", "text/html; charset=utf-8")
            .ExpectHeader("Content-Security-Policy", Csp)
            .ExpectHeader("X-Content-Type-Options", "nosniff")
            .ExpectHeader("Cache-Control", "no-cache")
            .ExpectHeader("Referrer-Policy", "no-referrer")
            .ExpectHeader("X-Frame-Options", "DENY");

        Assert.Matches("^\"[0-9a-f]{16}\"$", page.Header("ETag"));
        Assert.StartsWith("<!doctype html>", page.Text, StringComparison.Ordinal);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Page_Has_No_Inline_Script_Or_Style_And_Names_Only_Fingerprinted_Files()
    {
        await using var c = await Conversation.StartAsync();

        var html = (await c.Admin.Get("/dashboard")).ExpectStatus(200).Text;

        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"<script(?![^>]*\ssrc=)[^>]*>", html);
        Assert.DoesNotMatch(@"\son[a-z]+\s*=", html);
        Assert.DoesNotMatch(@"\sstyle\s*=", html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"(src|href)=""(https?:)?//", html);
        Assert.Matches(ScriptPath(), html);
        Assert.Matches(StylePath(), html);
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("js", "text/javascript; charset=utf-8", "'use strict';")]
    [InlineData("css", "text/css; charset=utf-8", ":root {")]
    public async Task Fingerprinted_Files_Have_Their_Type_And_Are_Kept_For_A_Year(string extension, string contentType, string content)
    {
        await using var c = await Conversation.StartAsync();
        var path = await FilePath(c, extension);

        var file = (await c.Admin.Get(path)).ExpectStatus(200)
            .ExpectHeader("Content-Type", contentType)
            .ExpectHeader("X-Content-Type-Options", "nosniff")
            .ExpectHeader("Content-Security-Policy", Csp)
            .ExpectHeader("Cache-Control", "public, max-age=31536000, immutable");

        Assert.Contains(content, file.Text, StringComparison.Ordinal);
        var fingerprint = Regex.Match(path, @"\.([0-9a-f]{16})\.").Groups[1].Value;
        Assert.Equal($"\"{fingerprint}\"", file.Header("ETag"));
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("{etag}", 304)]
    [InlineData("W/{etag}", 304)]
    [InlineData("\"0000000000000000\", {etag}", 304)]
    [InlineData("*", 304)]
    [InlineData("\"0000000000000000\"", 200)]
    public async Task If_None_Match_With_The_Current_Tag_Is_304_Without_A_Body(string template, int status)
    {
        await using var c = await Conversation.StartAsync();
        var etag = (await c.Admin.Get("/")).ExpectStatus(200).Header("ETag")!;
        var ifNoneMatch = template.Replace("{etag}", etag, StringComparison.Ordinal);

        var again = (await c.Admin.Get("/", $"If-None-Match: {ifNoneMatch}")).ExpectStatus(status)
            .ExpectHeader("ETag", etag)
            .ExpectHeader("Cache-Control", "no-cache");

        Assert.Equal(status == 304, again.Body.Length == 0);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Head_Has_The_Headers_Without_The_Body()
    {
        await using var c = await Conversation.StartAsync();
        var get = (await c.Admin.Get("/dashboard")).ExpectStatus(200);

        var head = (await c.Admin.Head("/dashboard")).ExpectStatus(200).ExpectHeader("Content-Security-Policy", Csp);

        Assert.Empty(head.Body);
        Assert.Equal(get.Header("Content-Length"), head.Header("Content-Length"));
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("POST", "/")]
    [InlineData("PUT", "/dashboard")]
    [InlineData("DELETE", "/dashboard")]
    public async Task Other_Methods_Are_405_With_Allow(string method, string path)
    {
        await using var c = await Conversation.StartAsync();

        (await c.Admin.Send(method, path, null)).ExpectStatus(405)
            .ExpectHeader("Allow", "GET, HEAD")
            .ExpectHeader("Content-Type", "text/plain; charset=utf-8")
            .ExpectBody($"Method {method} is not allowed here; use GET or HEAD.\n");
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("/dashboard/dashboard.js")]
    [InlineData("/dashboard/dashboard.0000000000000000.js")]
    [InlineData("/dashboard/index.html")]
    [InlineData("/dashboard/../Lacquer.Host.csproj")]
    public async Task Other_Paths_Under_The_Dashboard_Are_404(string path)
    {
        await using var c = await Conversation.StartAsync();

        (await c.Admin.Get(path)).ExpectStatus(404);
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Page_Never_Carries_A_Presented_Token()
    {
        const string Secret = "s3cr3t-presented-to-the-page";
        await using var c = await Conversation.StartAsync();

        var page = (await c.Admin.Get("/dashboard?token=" + Secret, $"Authorization: Bearer {Secret}", $"Cookie: token={Secret}")).ExpectStatus(200);
        var plain = (await c.Admin.Get("/dashboard")).ExpectStatus(200);

        Assert.Equal(plain.Text, page.Text);
        Assert.DoesNotContain(Secret, string.Join("\n", page.Headers.SelectMany(h => h.Value)), StringComparison.Ordinal);
        c.Origin.ExpectAllConsumed();
    }

    private static async Task<string> FilePath(Conversation c, string extension)
    {
        var html = (await c.Admin.Get("/")).ExpectStatus(200).Text;
        return (extension == "js" ? ScriptPath() : StylePath()).Match(html).Groups["path"].Value;
    }

    [GeneratedRegex(@"<script src=""(?<path>/dashboard/dashboard\.[0-9a-f]{16}\.js)"" defer></script>")]
    private static partial Regex ScriptPath();

    [GeneratedRegex(@"<link rel=""stylesheet"" href=""(?<path>/dashboard/dashboard\.[0-9a-f]{16}\.css)"">")]
    private static partial Regex StylePath();
}
