namespace Lacquer.Configuration;

public sealed class CacheSettingsTests
{
    [Fact]
    public void Cache_Limits_Default_To_512MB_16MB_1d_And_30s()
    {
        var cache = TestConfig.Read(TestConfig.Document()).ExpectValid().Cache;

        Assert.Equal(512_000_000, cache.MaxBytes);
        Assert.Equal(16_000_000, cache.MaxObjectBytes);
        Assert.Equal(TimeSpan.FromDays(1), cache.MaxHeuristicTtl);
        Assert.Equal(TimeSpan.FromSeconds(30), cache.OriginTimeout);
        Assert.Equal(EvictionPolicyKind.S3Fifo, cache.EvictionPolicy);
        Assert.Equal(16, cache.MaxRanges);
        Assert.Equal(200, cache.MaxVariants);
    }

    [Theory]
    [InlineData("s3fifo", nameof(EvictionPolicyKind.S3Fifo))]
    [InlineData("S3FIFO", nameof(EvictionPolicyKind.S3Fifo))]
    [InlineData("lru", nameof(EvictionPolicyKind.Lru))]
    [InlineData("LRU", nameof(EvictionPolicyKind.Lru))]
    public void Eviction_Policy_Is_Read_By_Name_In_Any_Case(string name, string expected)
    {
        var cache = TestConfig.ReadWith($$"""  "cache": { "evictionPolicy": "{{name}}" }  """).ExpectValid().Cache;

        Assert.Equal(Enum.Parse<EvictionPolicyKind>(expected), cache.EvictionPolicy);
    }

    [Fact]
    public void Cache_Settings_Accept_Units()
    {
        var cache = TestConfig.ReadWith(
                """  "cache": { "maxBytes": "1GiB", "maxObjectBytes": "64KiB", "maxHeuristicTtl": "2h", "originTimeout": "1500ms" }  """)
            .ExpectValid().Cache;

        Assert.Equal(1_073_741_824, cache.MaxBytes);
        Assert.Equal(65_536, cache.MaxObjectBytes);
        Assert.Equal(TimeSpan.FromHours(2), cache.MaxHeuristicTtl);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), cache.OriginTimeout);
    }

    [Fact]
    public void A_Json_Number_Is_A_Size_In_Bytes()
    {
        var cache = TestConfig.ReadWith("""  "cache": { "maxBytes": 100000000, "maxObjectBytes": 1000 }  """).ExpectValid().Cache;

        Assert.Equal(100_000_000, cache.MaxBytes);
        Assert.Equal(1000, cache.MaxObjectBytes);
    }

    [Theory]
    [InlineData("maxBytes", "\"12XB\"", "cache:maxBytes", "must be a size such as")]
    [InlineData("maxBytes", "\"-1GB\"", "cache:maxBytes", "must be a size such as")]
    [InlineData("maxBytes", "\"0\"", "cache:maxBytes", "must be at least 1 bytes")]
    [InlineData("maxObjectBytes", "\"0B\"", "cache:maxObjectBytes", "must be at least 1 bytes")]
    [InlineData("maxObjectBytes", "\"1GB\"", "cache:maxObjectBytes", "must not exceed cache:maxBytes")]
    [InlineData("maxHeuristicTtl", "\"forever\"", "cache:maxHeuristicTtl", "must be a duration such as")]
    [InlineData("maxHeuristicTtl", "\"400d\"", "cache:maxHeuristicTtl", "must be between 0s and 365d")]
    [InlineData("originTimeout", "\"0s\"", "cache:originTimeout", "must be between 1ms and 1d")]
    [InlineData("originTimeout", "\"2d\"", "cache:originTimeout", "must be between 1ms and 1d")]
    [InlineData("originTimeout", "[\"30s\"]", "cache:originTimeout", "expected a single value, found an array")]
    [InlineData("originTimeout", "\"\"", "cache:originTimeout", "must not be empty")]
    [InlineData("evictionPolicy", "\"lfu\"", "cache:evictionPolicy", "must be s3fifo or lru (found \"lfu\")")]
    [InlineData("evictionPolicy", "\"\"", "cache:evictionPolicy", "must not be empty")]
    [InlineData("maxRanges", "0", "cache:maxRanges", "must be a whole number from 1 to 1000 (found \"0\")")]
    [InlineData("maxRanges", "\"1001\"", "cache:maxRanges", "must be a whole number from 1 to 1000")]
    [InlineData("maxRanges", "\"many\"", "cache:maxRanges", "must be a whole number from 1 to 1000")]
    [InlineData("maxVariants", "0", "cache:maxVariants", "must be a whole number from 1 to 10000")]
    [InlineData("maxVariants", "-5", "cache:maxVariants", "must be a whole number from 1 to 10000")]
    [InlineData("maxVariants", "10001", "cache:maxVariants", "must be a whole number from 1 to 10000")]
    [InlineData("maxEntries", "10", "cache:maxEntries", "unknown setting")]
    public void A_Bad_Cache_Setting_Is_Reported_At_Its_Path(string key, string json, string path, string message)
    {
        TestConfig.ReadWith($$"""  "cache": { "{{key}}": {{json}} }  """).ExpectOnlyError(path, message);
    }

    [Fact]
    public void Object_Limit_Is_Not_Compared_With_A_Total_Limit_That_Failed_To_Read()
    {
        TestConfig.ReadWith("""  "cache": { "maxBytes": "lots", "maxObjectBytes": "1GB" }  """)
            .ExpectOnlyError("cache:maxBytes", "must be a size such as");
    }

    [Fact]
    public void A_Null_Setting_Means_Its_Default()
    {
        var cache = TestConfig.ReadWith("""  "cache": { "maxBytes": null }  """).ExpectValid().Cache;

        Assert.Equal(512_000_000, cache.MaxBytes);
    }
}
