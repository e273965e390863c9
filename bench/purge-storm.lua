-- wrk script: hard tag purges through the Cloudflare-compatible API. Each connection sends a purge, waits
-- for the answer, then DELAY ms: with -c10 and DELAY 97 that is 10 x 1000 / (97 + latency) ~ 100 purges/s
-- (wrk reports the rate achieved). Tags g000, g001, ... in turn, so each purge removes a different group of
-- the /g/ set.
--   wrk -t1 -c10 -d10s --latency -s purge-storm.lua URL -- TOKEN [DELAY_MS] [FIRST_TAG]
local token, pause, n

function init(args)
    token = args[1] or "bench-secret-token"
    pause = tonumber(args[2]) or 97
    n = tonumber(args[3]) or 0
end

function request()
    local body = string.format('{"tags":["g%03d"]}', n % 1000)
    n = n + 1
    return wrk.format("POST", nil, {
        ["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/json",
    }, body)
end

function delay()
    return pause
end
