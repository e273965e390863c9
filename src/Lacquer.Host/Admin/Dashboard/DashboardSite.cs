// The dashboard's files, read once from the resources embedded in the lacquer binary. Scripts and styles are
// served under fingerprinted paths (/dashboard/dashboard.<sha256-prefix>.js) that change with their content,
// so browsers may keep them for a year without asking again; the page itself names the current fingerprints
// and is revalidated on every load (no-cache with an ETag), so a new binary's files are picked up at once.
using System.Reflection;
using System.Text;

namespace Lacquer.Admin.Dashboard;

internal sealed class DashboardSite
{
    private const string ResourcePrefix = "Lacquer.Dashboard.";
    private const string Immutable = "public, max-age=31536000, immutable";
    private const string Revalidate = "no-cache";

    /// <summary>The files index.html names by a {{name}} placeholder, with their content types.</summary>
    private static readonly (string Name, string ContentType)[] Referenced =
    [
        ("dashboard.js", "text/javascript; charset=utf-8"),
        ("dashboard.css", "text/css; charset=utf-8"),
    ];

    private DashboardSite(DashboardAsset page, IReadOnlyList<DashboardAsset> files)
    {
        Page = page;
        Files = files;
    }

    /// <summary>index.html, served at / and /dashboard.</summary>
    public DashboardAsset Page { get; }

    /// <summary>The script and the style sheet at their fingerprinted paths.</summary>
    public IReadOnlyList<DashboardAsset> Files { get; }

    public static DashboardSite Load()
    {
        var files = new List<DashboardAsset>();
        var html = Encoding.UTF8.GetString(Resource("index.html"));
        foreach (var (name, contentType) in Referenced)
        {
            var file = Fingerprinted(name, contentType);
            files.Add(file);
            var placeholder = "{{" + name + "}}";
            if (!html.Contains(placeholder, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The embedded index.html does not reference {placeholder}.");
            }

            html = html.Replace(placeholder, file.Path, StringComparison.Ordinal);
        }

        var page = new DashboardAsset("/", "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html), Revalidate);
        return new DashboardSite(page, files);
    }

    private static DashboardAsset Fingerprinted(string name, string contentType)
    {
        var body = Resource(name);
        var dot = name.LastIndexOf('.');
        var path = $"/dashboard/{name[..dot]}.{DashboardAsset.Fingerprint(body)}{name[dot..]}";
        return new DashboardAsset(path, contentType, body, Immutable);
    }

    private static byte[] Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"The dashboard file {name} is not embedded in the binary.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
