using System.Globalization;

namespace Lacquer.Bench.EvictionReplay;

/// <summary>Command-line options; each is <c>--name value</c>.</summary>
internal sealed record Options(int Objects, int Requests, double Alpha, double CacheFraction, int Seed, int Promotion)
{
    public static Options Parse(string[] args)
    {
        if (args.Length % 2 != 0)
        {
            throw new ArgumentException($"Option {args[^1]} has no value; each option is --name value.");
        }

        var options = new Options(Objects: 1_000_000, Requests: 10_000_000, Alpha: 0.9, CacheFraction: 0.10, Seed: 42, Promotion: 1);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--objects" => options with { Objects = int.Parse(value, CultureInfo.InvariantCulture) },
                "--requests" => options with { Requests = int.Parse(value, CultureInfo.InvariantCulture) },
                "--alpha" => options with { Alpha = double.Parse(value, CultureInfo.InvariantCulture) },
                "--cache-fraction" => options with { CacheFraction = double.Parse(value, CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--promotion" => options with { Promotion = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option {args[i]}; expected --objects, --requests, --alpha, --cache-fraction, --seed or --promotion."),
            };
        }

        return options;
    }
}
