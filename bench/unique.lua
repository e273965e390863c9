-- wrk script: every request a URL never asked before (the miss path): /m/<run>-<thread>-<counter>.
--   wrk ... -s unique.lua URL -- RUN_ID
local counter = 0
function setup(thread)
    counter = counter + 1
    thread:set("id", counter)
end

local run, n

function init(args)
    run = args[1] or tostring(os.time())
    n = 0
end

function request()
    n = n + 1
    return wrk.format("GET", "/m/" .. run .. "-" .. id .. "-" .. n)
end
