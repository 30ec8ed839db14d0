-- wrk script: POST /api/events (create_event), each event's profile half new, half existing.
--
--   wrk -t2 -c64 -d20s -s bench/events.lua http://127.0.0.1:PORT -- API_KEY POOL_ROWS RUN_TAG [anonymous]
--
-- API_KEY    the private key (pk_...)
-- POOL_ROWS  existing profiles have emails bench-1@bench.example .. bench-POOL_ROWS@bench.example
-- RUN_TAG    makes this run's new emails and unique_ids distinct from every other run's
-- anonymous  (optional) the profiles are anonymous visitors instead (issue 21): only an anonymous_id, new
--            (visitor-new-...) or one of the seeded visitors visitor-1 .. visitor-POOL_ROWS, whom events.sh
--            gives the seeded profiles
--
-- A new email is unique per request: run tag + wrk thread id + a per-thread counter. Every response
-- is checked: non-2xx responses are counted (with the first few bodies kept) and the done hook prints
-- machine-readable lines (OP_...=...) that bench/profiles.sh parses; it fails the run on any non-2xx.

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

function init(args)
  key = args[1]
  pool = tonumber(args[2])
  tag = args[3]
  anonymous = args[4] == "anonymous"
  if key == nil or pool == nil or tag == nil then
    error("usage: wrk ... -s events.lua URL -- API_KEY POOL_ROWS RUN_TAG")
  end
  counter = 0
  created = 0   -- 201
  updated = 0   -- 200
  other2xx = 0
  non2xx = 0
  sample = ""
  math.randomseed(os.time() * 1000 + id * 7919)
  headers = {
    ["Authorization"] = "Klaviyo-API-Key " .. key,
    ["revision"] = "2026-07-15",
    ["Content-Type"] = "application/vnd.api+json",
    ["Accept"] = "application/vnd.api+json",
  }
end

function request()
  counter = counter + 1
  local profile
  if anonymous then
    local visitor
    if math.random() < 0.5 then
      visitor = string.format("visitor-new-%s-%d-%d", tag, id, counter)
    else
      visitor = string.format("visitor-%d", math.random(1, pool))
    end
    profile = string.format('"anonymous_id":"%s","first_name":"Bench"', visitor)
  else
    local email
    if math.random() < 0.5 then
      email = string.format("new-%s-%d-%d@bench.example", tag, id, counter)
    else
      email = string.format("bench-%d@bench.example", math.random(1, pool))
    end
    profile = string.format('"email":"%s","first_name":"Bench"', email)
  end
  local body = string.format(
    '{"data":{"type":"event","attributes":{"properties":{"Item":"Book","Count":%d,"Source":"wrk"},'
      .. '"value":%d.5,"value_currency":"USD","unique_id":"%s-%d-%d",'
      .. '"metric":{"data":{"type":"metric","attributes":{"name":"Bench Order"}}},'
      .. '"profile":{"data":{"type":"profile","attributes":{%s}}}}}}',
    counter % 5 + 1, counter % 100, tag, id, counter, profile)
  return wrk.format("POST", "/api/events", headers, body)
end

function response(status, headers, body)
  if status == 202 then
    created = created + 1
  elseif status >= 200 and status < 300 then
    other2xx = other2xx + 1
  else
    non2xx = non2xx + 1
    if #sample < 2000 then
      sample = sample .. status .. " " .. string.sub(body or "", 1, 400) .. "\n"
    end
  end
end

function done(summary, latency, requests)
  local c, u, o, n, s = 0, 0, 0, 0, ""
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    u = u + t:get("updated")
    o = o + t:get("other2xx")
    n = n + t:get("non2xx")
    s = s .. (t:get("sample") or "")
  end
  local e = summary.errors
  io.write(string.format("OP_REQUESTS=%d\n", summary.requests))
  io.write(string.format("OP_DURATION_US=%d\n", summary.duration))
  io.write(string.format("OP_RPS=%.1f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("OP_CREATED=%d\nOP_UPDATED=%d\nOP_OTHER2XX=%d\nOP_NON2XX=%d\n", c, u, o, n))
  io.write(string.format("OP_SOCKET_ERRORS=%d\nOP_TIMEOUTS=%d\n", e.connect + e.read + e.write, e.timeout))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("OP_P%s_US=%d\n", tostring(p):gsub("%.", "_"), latency:percentile(p)))
  end
  io.write(string.format("OP_MEAN_US=%.0f\nOP_MAX_US=%d\n", latency.mean, latency.max))
  if n > 0 then
    io.write("OP_FAILED: " .. n .. " non-2xx responses; first bodies:\n" .. s)
  end
end
