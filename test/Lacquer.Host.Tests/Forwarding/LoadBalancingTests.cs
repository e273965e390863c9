// Every loadBalancing policy a zone can name, through real sockets: two or three Kestrel origins answer with
// their own name, so each response says which origin served it. Policies that decide by load are shown with
// exchanges held in flight (/hold/..., released by the test), and each request waits until the previous one's
// exchange has ended, so the in-flight counts a policy reads are the ones the test set up. The random policies
// use the reverse proxy library's shared random source, which cannot be seeded from outside: what they promise
// is shown by properties that hold on every draw (a busy origin is never the less busy of two) or by bounds
// whose failure odds are stated beside them. Every policy skips an origin the probe found unhealthy.
using Lacquer.Configuration;
using Lacquer.Forwarding.Pools;
using Lacquer.Harness;

namespace Lacquer.Forwarding;

public sealed class LoadBalancingTests
{
    private static readonly HealthCheckSettings Probe = new("/healthz", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), 1, 1, TimeSpan.FromSeconds(30));

    /// <summary>Every policy a zone can name (by enum name: the enum is internal).</summary>
    public static TheoryData<string> Policies => new(Enum.GetNames<LoadBalancingPolicy>());

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task Every_Policy_Skips_An_Origin_The_Probe_Found_Unhealthy(string policy)
    {
        await using var world = await World.StartAsync(Enum.Parse<LoadBalancingPolicy>(policy), 3, Probe);
        var (a, b, c) = (world.Origins[0], world.Origins[1], world.Origins[2]);
        await world.MarkUnhealthy(0);

        var served = await world.Pages(30);

        Assert.Equal(0, a.PageRequests);
        Assert.Equal(30, served.Count(name => name is "b" or "c"));
        Assert.Equal(30, b.PageRequests + c.PageRequests);
    }

    [Fact]
    public async Task Round_Robin_Takes_The_Origins_In_Rotation_In_Turn()
    {
        await using var world = await World.StartAsync(LoadBalancingPolicy.RoundRobin, 3, Probe);

        var served = await world.Pages(9);

        Assert.Equal(3, served.Count(name => name == "a"));
        Assert.Equal(3, served.Count(name => name == "b"));
        Assert.Equal(3, served.Count(name => name == "c"));
        Assert.All(served.Chunk(3), turn => Assert.Equal(["a", "b", "c"], turn.Order()));

        await world.MarkUnhealthy(1);
        var withoutB = await world.Pages(6);
        Assert.Equal(3, withoutB.Count(name => name == "a"));
        Assert.Equal(3, withoutB.Count(name => name == "c"));
    }

    [Fact]
    public async Task Least_Requests_Picks_The_Origin_With_The_Fewest_Exchanges_In_Flight_First_In_Order_On_A_Tie()
    {
        await using var world = await World.StartAsync(LoadBalancingPolicy.LeastRequests, 3, Probe);
        var (a, b, c) = (world.Origins[0], world.Origins[1], world.Origins[2]);

        // All idle: a tie, which goes to the first origin.
        Assert.Equal(["a", "a", "a"], await world.Pages(3));

        // One exchange in flight on a: b and c tie at none, b is first.
        var heldOnA = await world.Hold(a);
        Assert.Equal(["b", "b", "b"], await world.Pages(3));

        // Then one on b too: c alone has none.
        var heldOnB = await world.Hold(b);
        Assert.Equal(["c", "c", "c"], await world.Pages(3));

        // The least busy origin is unhealthy: the next least busy in rotation gets the requests.
        await world.MarkUnhealthy(2);
        var held = await world.Hold(a);
        Assert.Equal(["b", "b"], await world.Pages(2));

        world.ReleaseAll();
        await Task.WhenAll(heldOnA, heldOnB, held);
        Assert.Equal(0, c.Holding);
    }

    [Fact]
    public async Task Power_Of_Two_Choices_Never_Picks_The_Busier_Of_Two()
    {
        // Two origins: both are always the two choices, so the idle one wins every time.
        await using (var pair = await World.StartAsync(LoadBalancingPolicy.PowerOfTwoChoices, 2, Probe))
        {
            var held = await pair.HoldAnywhere();
            var busy = pair.Origins.Single(origin => origin.Holding == 1);
            var idle = pair.Origins.Single(origin => origin.Holding == 0);

            var served = await pair.Pages(20);

            Assert.All(served, name => Assert.Equal(idle.Name, name));
            Assert.Equal(0, busy.PageRequests);
            pair.ReleaseAll();
            await held;
        }

        // Three origins, one busy and one unhealthy: the only idle origin in rotation takes every request.
        await using var world = await World.StartAsync(LoadBalancingPolicy.PowerOfTwoChoices, 3, Probe);
        await world.MarkUnhealthy(2);
        var heldOnce = await world.HoldAnywhere();
        var held1 = world.Origins.Single(origin => origin.Holding == 1);
        var other = world.Origins.Take(2).Single(origin => origin != held1);

        var rest = await world.Pages(20);

        Assert.All(rest, name => Assert.Equal(other.Name, name));
        world.ReleaseAll();
        await heldOnce;
    }

    [Fact]
    public async Task Random_Spreads_Requests_Over_Every_Origin_In_Rotation_Whatever_Their_Load()
    {
        await using var world = await World.StartAsync(LoadBalancingPolicy.Random, 3, Probe);

        // An exchange in flight on one origin does not steer random away from it (least-requests would).
        var held = await world.HoldAnywhere();

        // 90 uniform draws over 3 origins: the chance that one of them gets fewer than 10 is below 1e-7.
        var served = await world.Pages(90);

        Assert.All(world.Origins, origin => Assert.InRange(served.Count(name => name == origin.Name), 10, 90));
        world.ReleaseAll();
        await held;
    }

    [Fact]
    public async Task First_Sends_Everything_To_The_First_Origin_Listed_And_Fails_Over_In_List_Order()
    {
        // The origins are listed in reverse alphabetical order of their URLs, so that list order and alphabetical
        // order disagree on every position that matters.
        await using var world = await World.StartAsync(LoadBalancingPolicy.First, 3, Probe, reverseAlphabetical: true);
        var listed = world.Origins;

        Assert.All(await world.Pages(5), name => Assert.Equal(listed[0].Name, name));

        // The active origin is unhealthy: the standby, the next one listed, takes over.
        await world.MarkUnhealthy(0);
        Assert.All(await world.Pages(5), name => Assert.Equal(listed[1].Name, name));
        Assert.Equal(0, listed[2].PageRequests);

        // The first is healthy again: it takes the traffic back.
        listed[0].Healthy = true;
        await world.ProbeUntil(0, available: true);
        Assert.All(await world.Pages(3), name => Assert.Equal(listed[0].Name, name));
    }

    /// <summary>A Lacquer server in front of a pool of named Kestrel origins ("a", "b", …, in pool order).</summary>
    private sealed class World : IAsyncDisposable
    {
        private readonly Conversation _c;
        private int _holds;

        private World(Conversation c, IReadOnlyList<NamedOrigin> origins)
        {
            _c = c;
            Origins = origins;
        }

        /// <summary>The pool's origins in the order the zone lists them.</summary>
        public IReadOnlyList<NamedOrigin> Origins { get; }

        private OriginPool Pool => _c.Server.Proxy.Origin.Pools.ById[TestSettings.ZoneId];

        public static async Task<World> StartAsync(LoadBalancingPolicy policy, int count, HealthCheckSettings health, bool reverseAlphabetical = false)
        {
            var origins = new List<NamedOrigin>();
            for (var i = 0; i < count; i++)
            {
                var name = ((char)('a' + i)).ToString();
                origins.Add(new NamedOrigin(name, await KestrelOrigin.StartAsync(name)));
            }

            if (reverseAlphabetical)
            {
                origins = [.. origins.OrderByDescending(origin => origin.Origin.Uri.OriginalString, StringComparer.OrdinalIgnoreCase)];
            }

            var urls = origins.Select(origin => origin.Origin.Uri).ToArray();
            var c = await Conversation.StartAsync(s => s with
            {
                Zones = [s.Zones[0] with { Origin = urls[0], Pool = new OriginPoolSettings(urls, policy, health, Http2: false, ValidateCertificates: true) }],
            });
            return new World(c, origins);
        }

        /// <summary>Sends GET /page <paramref name="count"/> times, one after another; the names of the origins that answered.</summary>
        public async Task<List<string>> Pages(int count)
        {
            var served = new List<string>(count);
            for (var i = 0; i < count; i++)
            {
                served.Add((await _c.Client.Get("/page")).ExpectStatus(200).Text);
                await Settled();
            }

            return served;
        }

        /// <summary>Starts a request that <paramref name="expected"/> holds in flight, and waits until it does; the request's task.</summary>
        public async Task<Task<Exchange>> Hold(NamedOrigin expected)
        {
            var before = expected.Holding;
            var held = StartHold();
            await Progress.Until(() => expected.Holding == before + 1 || held.IsCompleted, $"origin {expected.Name} holds the request");
            Assert.False(held.IsCompleted, "the held request was answered");
            return held;
        }

        /// <summary>Starts a request that whichever origin the policy picks holds in flight, and waits until one does.</summary>
        public async Task<Task<Exchange>> HoldAnywhere()
        {
            var before = Origins.Sum(origin => origin.Holding);
            var held = StartHold();
            await Progress.Until(() => Origins.Sum(origin => origin.Holding) == before + 1 || held.IsCompleted, "an origin holds the request");
            Assert.False(held.IsCompleted, "the held request was answered");
            return held;
        }

        public void ReleaseAll()
        {
            foreach (var origin in Origins)
            {
                origin.Origin.ReleaseHeld();
            }
        }

        /// <summary>Makes the probe find the origin at <paramref name="index"/> unhealthy, and waits until it is out of rotation.</summary>
        public async Task MarkUnhealthy(int index)
        {
            Origins[index].Healthy = false;
            await ProbeUntil(index, available: false);
        }

        /// <summary>Runs probe rounds on the manual clock (a few at most) until the origin's availability is <paramref name="available"/>.</summary>
        public async Task ProbeUntil(int index, bool available)
        {
            var pool = Pool;
            var origin = pool.Origins[index];
            for (var round = 0; round < 3 && origin.IsAvailable(_c.Clock.GetUtcNow()) != available; round++)
            {
                var before = pool.ProbeRounds;
                _c.Clock.Advance(Probe.Interval);
                await Progress.Until(() => pool.ProbeRounds > before, "a probe round ends");
            }

            Assert.Equal(available, origin.IsAvailable(_c.Clock.GetUtcNow()));
        }

        public async ValueTask DisposeAsync()
        {
            ReleaseAll();
            await _c.DisposeAsync();
            foreach (var origin in Origins)
            {
                await origin.Origin.DisposeAsync();
            }
        }

        private Task<Exchange> StartHold() => _c.Client.Get($"/hold/{Interlocked.Increment(ref _holds)}");

        /// <summary>Waits until only the held exchanges are in flight, so the next pick sees the counts the test set up.</summary>
        private Task Settled() => Progress.Until(
            () => Pool.Origins.Sum(origin => origin.State.ConcurrentRequestCount) == Origins.Sum(origin => origin.Holding),
            "the previous exchange has ended");
    }

    /// <summary>An origin and the name it answers with.</summary>
    private sealed record NamedOrigin(string Name, KestrelOrigin Origin)
    {
        public int PageRequests => Origin.PageRequests;

        public int Holding => Origin.Holding;

        public bool Healthy
        {
            get => Origin.Healthy;
            set => Origin.Healthy = value;
        }
    }
}
