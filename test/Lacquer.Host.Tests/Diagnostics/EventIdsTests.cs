// Log event ids (docs/observability.md, "Log events"): every [LoggerMessage] of the engine and the host takes
// its id from EventIds, no two events share one, no constant is left unused, and the page's table lists each
// id with the level the code logs it at.
using System.Reflection;
using System.Text.RegularExpressions;
using Lacquer.Hosting;
using Microsoft.Extensions.Logging;

namespace Lacquer.Diagnostics;

public sealed partial class EventIdsTests
{
    [Fact]
    public void Every_Log_Event_Has_Its_Own_Id_From_EventIds()
    {
        var events = LogEvents();
        Assert.NotEmpty(events);

        var shared = events.GroupBy(e => e.Id).Where(group => group.Count() > 1).Select(group => $"{group.Key}: {string.Join(", ", group.Select(e => e.Method))}").ToList();
        Assert.True(shared.Count == 0, "Events that share an id: " + string.Join("; ", shared));

        var constants = Constants();
        Assert.Equal(constants.Distinct().Count(), constants.Count);
        Assert.Equal(constants.Order(), events.Select(e => e.Id).Order());
    }

    [Fact]
    public void Observability_Page_Lists_Every_Event_Id_With_Its_Level()
    {
        var page = File.ReadAllText(Path.Combine(DashboardTests.RepositoryRoot(), "docs", "observability.md"));
        var documented = DocumentedEvent().Matches(page)
            .Select(match => (Id: int.Parse(match.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture), Level: match.Groups["level"].Value))
            .Order()
            .ToList();

        var logged = LogEvents().Select(e => (e.Id, Level: e.Level.ToString())).Order().ToList();
        Assert.Equal(logged, documented);
    }

    private static List<(int Id, LogLevel Level, string Method)> LogEvents() =>
        [.. new[] { typeof(EventIds).Assembly, typeof(ConfigurationReload).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(method => (Method: method, Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(pair => pair.Attribute is not null)
            .Select(pair => (pair.Attribute!.EventId, pair.Attribute.Level, $"{pair.Method.DeclaringType!.Name}.{pair.Method.Name}"))];

    private static List<int> Constants() =>
        [.. typeof(EventIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (int)field.GetRawConstantValue()!)];

    /// <summary>A row of the page's event table: | 1001 | Information | … |.</summary>
    [GeneratedRegex(@"^\| (?<id>\d{4}) \| (?<level>[A-Za-z]+) \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedEvent();
}
