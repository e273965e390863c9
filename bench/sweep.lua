-- wrk script: requests <prefix><first> .. <prefix><first+N-1> once each, the threads splitting the range;
-- then each thread asks for its first URL again (a hit) until its last range request has surely been
-- answered, writes MARKER.<thread> and stops. wrk itself still waits out its -d, so the caller polls for
-- the markers and then ends wrk (lib.sh sweep). Fills a cache: the Zipf set, the purge-storm set, memory.sh.
--   wrk -tT -cC ... -s sweep.lua URL -- PREFIX N FIRST T C MARKER
local counter = 0
function setup(thread)
    counter = counter + 1
    thread:set("id", counter)
end

local prefix, first, last, i, step, conns, issued, answered, again, marker, done

function init(args)
    prefix = args[1] or "/z/"
    local n = tonumber(args[2]) or 100000
    first = tonumber(args[3]) or 1
    step = tonumber(args[4]) or 2
    conns = math.ceil((tonumber(args[5]) or 64) / step)
    last = first + n - 1
    i = first + id - 1
    issued, answered = 0, 0
    again = wrk.format("GET", prefix .. (first + id - 1))
    marker = args[6]
    done = false
end

function request()
    if i > last then
        return again
    end
    local path = prefix .. i
    i = i + step
    issued = issued + 1
    return wrk.format("GET", path)
end

function response(status, headers, body)
    answered = answered + 1
    if not done and i > last and answered >= issued + 4 * conns then
        done = true
        if marker then
            local f = io.open(marker .. "." .. id, "w")
            f:write(tostring(issued))
            f:close()
        end
        wrk.thread:stop()
    end
end
