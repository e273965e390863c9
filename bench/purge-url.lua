-- wrk script: hard URL purges through the Cloudflare-compatible API, one URL of the Zipf set each
-- (http://127.0.0.1/z/1, /z/2, ...), then DELAY ms (default 5). Measures the API's latency for a one-entry purge.
--   wrk -t1 -c1 -d3s --latency -s purge-url.lua URL -- TOKEN [DELAY_MS]
local token, pause, n

function init(args)
    token = args[1] or "bench-secret-token"
    pause = tonumber(args[2]) or 5
    n = 0
end

function request()
    n = n + 1
    return wrk.format("POST", nil, {
        ["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/json",
    }, '{"files":["http://127.0.0.1/z/' .. n .. '"]}')
end

function delay()
    return pause
end
