// Which request fields a Connection list removes before the key and the origin request are made (RFC 9110
// §7.6.1): every named field, whether named in the field as the listener kept it or in the lines as sent,
// except the fixed hop-by-hop fields, Host and Content-Length, which the listener has already acted on.
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Lacquer.Forwarding;

public sealed class ConnectionNominatedFieldTests
{
    private static readonly string[] Sent =
        ["Host", "Content-Length", "Upgrade", "Keep-Alive", "CF-Device-Type", "Accept-Language", "Authorization", "X-Secret"];

    [Theory]
    [InlineData(null, "", "")]
    [InlineData("keep-alive", "", "")]
    [InlineData("close", "keep-alive, close", "")]
    [InlineData("CF-Device-Type", "", "CF-Device-Type")]
    [InlineData(" accept-language ,x-secret", "", "Accept-Language X-Secret")]
    [InlineData("keep-alive", "keep-alive, X-Secret", "X-Secret")]
    [InlineData("keep-alive", "Authorization", "Authorization")]
    [InlineData("Host, Content-Length, Upgrade, Keep-Alive", "", "")]
    [InlineData("keep-alive", "keep-alive, Host, ,Content-Length", "")]
    public void Removes_Every_Named_Field_But_Those_The_Listener_Has_Acted_On(string? connection, string asSent, string removed)
    {
        IHeaderDictionary headers = new HeaderDictionary();
        foreach (var name in Sent)
        {
            headers[name] = "v";
        }

        if (connection is not null)
        {
            headers.Connection = connection;
        }

        HopByHop.RemoveNominated(headers, asSent.Length == 0 ? StringValues.Empty : new StringValues(asSent));

        var gone = Sent.Where(name => !headers.ContainsKey(name)).ToArray();
        Assert.Equal(removed.Split(' ', StringSplitOptions.RemoveEmptyEntries), gone);
    }
}
