-- wrk script: GET /api/profiles?filter=equals(email,"...") with a random existing email per request.
--
--   wrk -t2 -c8 -d20s --latency -s bench/get-by-email.lua http://127.0.0.1:PORT -- API_KEY ROWS
--
-- API_KEY  the private key (pk_...)
-- ROWS     profiles bench-1@bench.example .. bench-ROWS@bench.example exist
--
-- Every response must be 200 and its body must contain the email asked for (one match in data);
-- anything else is counted as a failure. The done hook prints OP_...=... lines for bench/profiles.sh.

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

function init(args)
  key = args[1]
  rows = tonumber(args[2])
  if key == nil or rows == nil then
    error("usage: wrk ... -s get-by-email.lua URL -- API_KEY ROWS")
  end
  ok = 0
  non200 = 0
  missing = 0   -- 200 but the body lacks the email
  sample = ""
  math.randomseed(os.time() * 1000 + id * 7919)
  headers = {
    ["Authorization"] = "Klaviyo-API-Key " .. key,
    ["revision"] = "2026-07-15",
    ["Accept"] = "application/vnd.api+json",
  }
end

function request()
  local email = string.format("bench-%d@bench.example", math.random(1, rows))
  -- filter=equals(email,"<email>") URL-encoded: ( %28  , %2C  " %22  ) %29  @ %40
  local path = "/api/profiles?filter=equals%28email%2C%22" .. email:gsub("@", "%%40") .. "%22%29"
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  -- response() does not say which request it answers (several connections per thread), but the
  -- collection's links.self replays the query: the email asked for must be the one in data.
  if status ~= 200 then
    non200 = non200 + 1
    if #sample < 2000 then sample = sample .. status .. " " .. string.sub(body or "", 1, 400) .. "\n" end
    return
  end
  local _, profiles = string.gsub(body, '"type":"profile"', "")
  local got = string.match(body, '"email":"bench%-(%d+)@bench%.example"')
  local asked = string.match(body, 'filter=equals%%28email%%2C%%22bench%-(%d+)%%40')
      or string.match(body, 'filter=equals%(email,\\?"bench%-(%d+)@')
  if profiles ~= 1 or got == nil or got ~= asked then
    missing = missing + 1
    if #sample < 2000 then sample = sample .. "200, wrong data: " .. string.sub(body, 1, 600) .. "\n" end
    return
  end
  ok = ok + 1
end

function done(summary, latency, requests)
  local o, n, m, s = 0, 0, 0, ""
  for _, t in ipairs(threads) do
    o = o + t:get("ok")
    n = n + t:get("non200")
    m = m + t:get("missing")
    s = s .. (t:get("sample") or "")
  end
  local e = summary.errors
  io.write(string.format("OP_REQUESTS=%d\n", summary.requests))
  io.write(string.format("OP_DURATION_US=%d\n", summary.duration))
  io.write(string.format("OP_RPS=%.1f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("OP_OK=%d\nOP_NON2XX=%d\nOP_MISSING=%d\n", o, n, m))
  io.write(string.format("OP_SOCKET_ERRORS=%d\nOP_TIMEOUTS=%d\n", e.connect + e.read + e.write, e.timeout))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("OP_P%s_US=%d\n", tostring(p):gsub("%.", "_"), latency:percentile(p)))
  end
  io.write(string.format("OP_MEAN_US=%.0f\nOP_MAX_US=%d\n", latency.mean, latency.max))
  if n + m > 0 then
    io.write("OP_FAILED: " .. n .. " non-200 and " .. m .. " responses without the profile; first:\n" .. s)
  end
end
