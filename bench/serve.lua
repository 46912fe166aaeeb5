-- bench/serve.lua — the wrk script of bench/serve.sh.
--
-- Environment (read in every wrk thread, each of which runs this file in a
-- Lua state of its own):
--   JH_COOKIE   the session cookie, "jh_session=TOKEN", sent on every request
--   JH_PATHS    one or more request paths separated by spaces; requests go
--               round-robin over them (one path: every request the same)
--
-- wrk counts only socket errors and statuses >= 400 as errors; this script
-- counts every response that is not 2xx (a 3xx or 1xx would mean the bench
-- measured something else), per thread in the global non2xx, summed in
-- done().  done() prints one line that bench/serve.sh reads:
--
--   JHWRK requests=N seconds=S rps=R p50_ms=… p99_ms=… max_ms=…
--         connect=… read=… write=… timeout=… non2xx=…
--
-- Latencies are wrk's (microseconds, from its HdrHistogram), printed in
-- milliseconds.

local cookie = os.getenv("JH_COOKIE") or ""
local paths = {}
for p in string.gmatch(os.getenv("JH_PATHS") or "/", "%S+") do
	paths[#paths + 1] = p
end
wrk.headers["Cookie"] = cookie
wrk.headers["Accept"] = "application/json"

local threads = {}

function setup(thread)
	threads[#threads + 1] = thread
end

function init(args)
	non2xx = 0
	next_path = 0
	requests = {}
	for i, p in ipairs(paths) do
		requests[i] = wrk.format("GET", p)
	end
end

function request()
	next_path = next_path % #requests + 1
	return requests[next_path]
end

function response(status, headers, body)
	if status < 200 or status > 299 then
		non2xx = non2xx + 1
	end
end

function done(summary, latency, requests)
	local bad = 0
	for _, t in ipairs(threads) do
		bad = bad + (t:get("non2xx") or 0)
	end
	local e = summary.errors
	local sec = summary.duration / 1e6
	io.write(string.format(
		"JHWRK requests=%d seconds=%.3f rps=%.1f p50_ms=%.2f p99_ms=%.2f " ..
		"max_ms=%.2f connect=%d read=%d write=%d timeout=%d non2xx=%d\n",
		summary.requests, sec, summary.requests / sec,
		latency:percentile(50) / 1000, latency:percentile(99) / 1000,
		latency.max / 1000, e.connect, e.read, e.write, e.timeout, bad))
end
