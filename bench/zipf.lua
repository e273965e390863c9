-- wrk script: GET /z/<rank>, ranks 1..N drawn from Zipf(s) (defaults N=100000, s=0.9).
--   wrk ... -s zipf.lua URL -- [N] [s] [seed]
-- Each thread builds the cumulative distribution once and pre-formats every request, so a request costs a
-- random number and a binary search. Seeds differ per thread; the same seed gives the same trace.
local counter = 0
function setup(thread)
    counter = counter + 1
    thread:set("id", counter)
end

local cdf, reqs, n

function init(args)
    n = tonumber(args[1]) or 100000
    local s = tonumber(args[2]) or 0.9
    local seed = tonumber(args[3]) or 42
    math.randomseed(seed * 7919 + (id or 0))
    cdf, reqs = {}, {}
    local sum = 0
    for k = 1, n do
        sum = sum + k ^ (-s)
        cdf[k] = sum
    end
    for k = 1, n do
        cdf[k] = cdf[k] / sum
        reqs[k] = wrk.format("GET", "/z/" .. k)
    end
end

function request()
    local u = math.random()
    local lo, hi = 1, n
    while lo < hi do
        local mid = math.floor((lo + hi) / 2)
        if cdf[mid] < u then lo = mid + 1 else hi = mid end
    end
    return reqs[lo]
end
