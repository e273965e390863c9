using System.Security.Cryptography;
using System.Text;
using Lacquer.Security;

namespace Lacquer.Configuration;

/// <summary>compat:crafter, compat:serviceCache, compat:referenceServer, when each is on, and the exposure rule (docs/compat.md).</summary>
public sealed class CompatSettingsTests
{
    private const string Hash = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";

    private const string PublicAdmin = """{ "admin": "http://0.0.0.0:8081" }""";

    /// <summary>Every surface on, the way the demo has them: Crafter's default token and no token on the open surfaces.</summary>
    private const string AllOnWithDefaults = """{ "crafter": { "managementToken": "defaultManagementToken" }, "serviceCache": {}, "referenceServer": { "enabled": true } }""";

    private static ConfigResult ReadCompat(string compatJson, string? listenJson = null) =>
        TestConfig.Read(TestConfig.Document(extra: $"\"compat\": {compatJson}" + (listenJson is null ? string.Empty : $", \"listen\": {listenJson}")));

    private static byte[] Sha256(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Without_A_Compat_Section_Every_Surface_Is_Off_And_No_Default_Token_Exists()
    {
        var compat = TestConfig.Read(TestConfig.Document(), ("listen:admin", "http://0.0.0.0:8081")).ExpectValid().Compat;

        Assert.False(compat.Crafter.Enabled);
        Assert.False(SecretHash.Matches("defaultManagementToken", compat.Crafter.ManagementTokenSha256));
        Assert.Equal(new OpenSurfaceSettings(false, null, false), compat.ServiceCache);
        Assert.Equal(new OpenSurfaceSettings(false, null, false), compat.ReferenceServer);
        Assert.False(compat.Flextype.Enabled);
        Assert.Equal(200, compat.Flextype.SuccessStatus);
        Assert.Empty(compat.Flextype.Tokens);
    }

    [Fact]
    public void A_Surface_Is_On_When_Its_Section_Is_Present_Even_Empty_Unless_Switched_Off()
    {
        var compat = ReadCompat("""
            { "crafter": { "managementToken": "s3cret" }, "serviceCache": {}, "referenceServer": { "enabled": false }, "flextype": {} }
            """).ExpectValid().Compat;

        Assert.True(compat.Crafter.Enabled);
        Assert.True(compat.ServiceCache.Enabled);
        Assert.False(compat.ReferenceServer.Enabled);
        Assert.True(compat.Flextype.Enabled);
    }

    [Fact]
    public void A_Surface_Can_Be_Switched_On_From_An_Override_Alone()
    {
        var compat = TestConfig.Read(TestConfig.Document(), ("compat:referenceServer:enabled", "true")).ExpectValid().Compat;

        Assert.True(compat.ReferenceServer.Enabled);
        Assert.False(compat.ServiceCache.Enabled);
    }

    [Theory]
    [InlineData("""{ "crafter": {} }""")]
    [InlineData("""{ "crafter": { "enabled": true } }""")]
    public void Crafter_On_Without_A_Token_Is_An_Error_There_Is_No_Default(string compatJson)
    {
        ReadCompat(compatJson).ExpectOnlyError("compat:crafter", "needs a secret: set either managementToken or managementTokenSha256");
    }

    [Fact]
    public void On_Loopback_The_Published_Credentials_Are_Accepted_As_In_The_Demo()
    {
        var compat = ReadCompat(AllOnWithDefaults, """{ "admin": "http://127.0.0.1:8081" }""").ExpectValid().Compat;

        Assert.True(compat.Crafter.Enabled && compat.ServiceCache.Enabled && compat.ReferenceServer.Enabled);
        Assert.Equal(Sha256("defaultManagementToken"), compat.Crafter.ManagementTokenSha256);
    }

    [Theory]
    [InlineData("""{ "managementToken": "defaultManagementToken" }""", "compat:crafter:managementToken")]
    [InlineData("""{ "managementTokenSha256": "{{DEFAULT}}" }""", "compat:crafter:managementTokenSha256")]
    public void Crafters_Default_Token_On_A_Public_Admin_Listener_Is_Refused(string crafterJson, string path)
    {
        var defaultHash = Convert.ToHexString(Sha256("defaultManagementToken"));
        var result = ReadCompat($$"""{ "crafter": {{crafterJson.Replace("{{DEFAULT}}", defaultHash, StringComparison.Ordinal)}} }""", PublicAdmin);

        result.ExpectOnlyError(path, "is Crafter's default management token (defaultManagementToken), which is publicly known; refused while listen:admin (0.0.0.0:8081) is not a loopback address: choose another token, or set compat:crafter:enabled to false");
    }

    [Fact]
    public void Crafter_With_Its_Own_Token_Or_Switched_Off_Is_Accepted_On_A_Public_Admin_Listener()
    {
        ReadCompat("""{ "crafter": { "managementToken": "an0ther-t0ken" } }""", PublicAdmin).ExpectValid();
        ReadCompat("""{ "crafter": { "managementToken": "defaultManagementToken", "enabled": false } }""", PublicAdmin).ExpectValid();
    }

    [Theory]
    [InlineData("defaultManagementToken")]
    [InlineData("efe1e36e4d60fcd547e22eb9f795dff9")]
    public void A_Published_Credential_As_An_Open_Surfaces_Token_Counts_As_None_On_A_Public_Admin_Listener(string token)
    {
        var result = ReadCompat($$"""{ "serviceCache": { "token": "{{token}}" } }""", PublicAdmin);

        result.ExpectOnlyError("compat:serviceCache:token", "is the default or documented example credential of an emulated system, which is publicly known; refused while listen:admin (0.0.0.0:8081) is not a loopback address: choose another token");
        Assert.DoesNotContain(result.Errors, error => error.Message.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public void The_Crafter_Management_Token_Is_Kept_Only_As_Its_Sha256()
    {
        var crafter = ReadCompat("""{ "crafter": { "managementToken": "s3cret", "enabled": "false" } }""").ExpectValid().Compat.Crafter;

        Assert.Equal(Sha256("s3cret"), crafter.ManagementTokenSha256);
        Assert.False(crafter.Enabled);
        Assert.DoesNotContain("s3cret", crafter.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_Crafter_Management_Token_May_Be_Given_As_Its_Hash()
    {
        var crafter = ReadCompat($$"""{ "crafter": { "managementTokenSha256": "{{Hash}}" } }""").ExpectValid().Compat.Crafter;

        Assert.Equal(Convert.FromHexString(Hash), crafter.ManagementTokenSha256);
    }

    [Fact]
    public void An_Open_Surface_Takes_A_Token_An_Opt_In_And_A_Switch()
    {
        var compat = ReadCompat($$"""
            { "serviceCache": { "token": "t0ken", "allowNonLoopback": true },
              "referenceServer": { "tokenSha256": "{{Hash}}", "enabled": false } }
            """).ExpectValid().Compat;

        Assert.Equal(Sha256("t0ken"), compat.ServiceCache.TokenSha256);
        Assert.True(compat.ServiceCache.AllowNonLoopback);
        Assert.True(compat.ServiceCache.Enabled);
        Assert.Equal(Convert.FromHexString(Hash), compat.ReferenceServer.TokenSha256);
        Assert.False(compat.ReferenceServer.Enabled);
    }

    [Theory]
    [InlineData("""{ "crafter": { "managementToken": "a", "managementTokenSha256": "{{HASH}}" } }""", "compat:crafter", "set either managementToken or managementTokenSha256, not both")]
    [InlineData("""{ "crafter": { "managementToken": "" } }""", "compat:crafter:managementToken", "must not be empty")]
    [InlineData("""{ "crafter": { "managementTokenSha256": "abc" } }""", "compat:crafter:managementTokenSha256", "must be exactly 64 hexadecimal characters")]
    [InlineData("""{ "crafter": { "enabled": "sometimes" } }""", "compat:crafter:enabled", "must be true or false")]
    [InlineData("""{ "crafter": { "token": "x" } }""", "compat:crafter:token", "unknown setting; expected one of: enabled, managementToken, managementTokenSha256")]
    [InlineData("""{ "crafter": "defaultManagementToken" }""", "compat:crafter", "expected an object, found a single value")]
    [InlineData("""{ "serviceCache": { "token": "a", "tokenSha256": "{{HASH}}" } }""", "compat:serviceCache", "set either token or tokenSha256, not both")]
    [InlineData("""{ "serviceCache": { "token": "" } }""", "compat:serviceCache:token", "must not be empty")]
    [InlineData("""{ "serviceCache": { "allowNonLoopback": "yes" } }""", "compat:serviceCache:allowNonLoopback", "must be true or false")]
    [InlineData("""{ "referenceServer": { "tokenSha256": "xyz" } }""", "compat:referenceServer:tokenSha256", "must be exactly 64 hexadecimal characters")]
    [InlineData("""{ "referenceServer": { "password": "x" } }""", "compat:referenceServer:password", "unknown setting; expected one of: enabled, token, tokenSha256, allowNonLoopback")]
    [InlineData("""[ "crafter" ]""", "compat", "expected an object, found an array")]
    public void A_Bad_Compat_Setting_Is_Reported_At_Its_Path(string compatJson, string path, string message)
    {
        ReadCompat(compatJson.Replace("{{HASH}}", Hash, StringComparison.Ordinal)).ExpectOnlyError(path, message);
    }

    [Fact]
    public void Unauthenticated_Endpoints_On_A_Public_Admin_Listener_Are_Refused_At_Start_Up()
    {
        var result = ReadCompat("""{ "serviceCache": {}, "referenceServer": { "enabled": true } }""", PublicAdmin);

        result.ExpectError("compat:serviceCache", "has no authentication, but listen:admin (0.0.0.0:8081) is not a loopback address: set compat:serviceCache:token, set compat:serviceCache:allowNonLoopback to true, or set compat:serviceCache:enabled to false");
        result.ExpectError("compat:referenceServer", "has no authentication, but listen:admin (0.0.0.0:8081) is not a loopback address");
        Assert.Equal(2, result.Errors.Count);
    }

    [Theory]
    [InlineData("""{ "token": "t" }""")]
    [InlineData("""{ "allowNonLoopback": true }""")]
    [InlineData("""{ "enabled": false }""")]
    public void A_Token_An_Opt_In_Or_Switching_Off_Makes_A_Public_Admin_Listener_Acceptable(string surfaceJson)
    {
        ReadCompat($$"""{ "serviceCache": {{surfaceJson}}, "referenceServer": {{surfaceJson}} }""", """{ "admin": "http://10.1.2.3:8081" }""").ExpectValid();
    }

    [Theory]
    [InlineData("http://127.0.0.1:8081")]
    [InlineData("http://127.0.0.2:8081")]
    [InlineData("http://localhost:8081")]
    [InlineData("http://[::1]:8081")]
    public void A_Loopback_Admin_Listener_Needs_Nothing(string admin)
    {
        ReadCompat(AllOnWithDefaults, $$"""{ "admin": "{{admin}}" }""").ExpectValid();
    }

    [Fact]
    public void An_Invalid_Admin_Listener_Is_Reported_Once_Without_The_Loopback_Rule()
    {
        ReadCompat(AllOnWithDefaults, """{ "admin": "https://0.0.0.0:8081" }""").ExpectOnlyError("listen:admin", "must use the http scheme");
    }

    [Fact]
    public void An_Invalid_Token_On_A_Public_Listener_Is_Reported_Only_As_Invalid()
    {
        ReadCompat("""{ "serviceCache": { "token": "" }, "referenceServer": { "enabled": false } }""", """{ "admin": "http://0.0.0.0:8081" }""")
            .ExpectOnlyError("compat:serviceCache:token", "must not be empty");
    }
}
