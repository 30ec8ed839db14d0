-- wrk script: POST /api/lists/{id}/relationships/profiles once for each of a range of prepared request
-- bodies (one JSON body per line of a file), over all of wrk's connections, then stop wrk.
--
--   wrk -t1 -c8 -d600s --timeout 60s -s bench/list-add.lua http://127.0.0.1:PORT -- API_KEY LIST_ID BODIES FIRST LAST
--
-- API_KEY      the private key (pk_...)
-- LIST_ID      the list to add to
-- BODIES       a file with one request body per line ({"data":[{"type":"profile","id":"..."}, ...]})
-- FIRST, LAST  the lines (1-based, inclusive) to send, each exactly once
--
-- Use one wrk thread (-t1): the bodies are shared by its connections. Each connection takes the next body
-- when its previous answer is in; once every body is sent the connections stay idle (delay()), and after
-- the last answer the script ends wrk with SIGINT (wrk otherwise runs for all of -d). The elapsed time is
-- measured here (first request to last answer), not by wrk. Every answer must be 204; the done hook prints
-- OP_...=... lines for bench/lists.sh.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } op_timespec;
int clock_gettime(int clk, op_timespec *tp);
int getpid(void);
int kill(int pid, int sig);
]]
local ts = ffi.new("op_timespec")
local function now_us()
  ffi.C.clock_gettime(1, ts)   -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1e6 + tonumber(ts.tv_nsec) / 1e3
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local key, list, file = args[1], args[2], args[3]
  first, last = tonumber(args[4]), tonumber(args[5])
  if key == nil or list == nil or file == nil or first == nil or last == nil then
    error("usage: wrk ... -s list-add.lua URL -- API_KEY LIST_ID BODIES FIRST LAST")
  end
  bodies = {}
  local n = 0
  for line in io.lines(file) do
    n = n + 1
    if n >= first and n <= last then table.insert(bodies, line) end
    if n >= last then break end
  end
  total = #bodies
  if total ~= last - first + 1 then error("list-add.lua: " .. file .. " has only " .. n .. " lines") end
  path = "/api/lists/" .. list .. "/relationships/profiles"
  headers = {
    ["Authorization"] = "Klaviyo-API-Key " .. key,
    ["revision"] = "2026-07-15",
    ["Content-Type"] = "application/vnd.api+json",
    ["Accept"] = "application/vnd.api+json",
  }
  sent, answered, ok, bad = 0, 0, 0, 0
  sample = ""
  t_first, t_last = 0, 0
end

function request()
  if not verified then
    -- wrk calls request() once right after init() to check the request (script_verify_request) and
    -- discards the answer: that call must not use up a body
    verified = true
    return wrk.format("POST", path, headers, bodies[1])
  end
  if sent >= total then
    -- only reached if a connection is (re)opened after everything was sent: an already-sent body would
    -- be counted twice, so ask for something harmless and ignore the answer
    return wrk.format("GET", "/healthz")
  end
  sent = sent + 1
  if sent == 1 then t_first = now_us() end
  return wrk.format("POST", path, headers, bodies[sent])
end

function delay()
  return sent >= total and 3600000 or 0
end

function response(status, headers, body)
  if status == 200 and body == '{"status":"ok"}' then return end   -- a /healthz filler (see request())
  if answered >= total then return end
  answered = answered + 1
  if status == 204 then
    ok = ok + 1
  else
    bad = bad + 1
    if #sample < 2000 then sample = sample .. status .. " " .. string.sub(body or "", 1, 400) .. "\n" end
  end
  if answered == total then
    t_last = now_us()
    ffi.C.kill(ffi.C.getpid(), 2)   -- SIGINT: wrk stops and runs done()
  end
end

function done(summary, latency, requests)
  local t = threads[1]
  local answered, ok, bad = t:get("answered"), t:get("ok"), t:get("bad")
  local elapsed = t:get("t_last") - t:get("t_first")
  local e = summary.errors
  io.write(string.format("OP_SENT=%d\nOP_ANSWERED=%d\nOP_OK=%d\nOP_NON2XX=%d\n", t:get("sent"), answered, ok, bad))
  io.write(string.format("OP_ELAPSED_US=%.0f\n", elapsed > 0 and elapsed or 0))
  io.write(string.format("OP_RPS=%.2f\n", elapsed > 0 and answered / (elapsed / 1e6) or 0))
  io.write(string.format("OP_SOCKET_ERRORS=%d\nOP_CONNECT_ERRORS=%d\nOP_READ_ERRORS=%d\nOP_WRITE_ERRORS=%d\nOP_TIMEOUTS=%d\n", e.connect + e.read + e.write, e.connect, e.read, e.write, e.timeout))
  for _, p in ipairs({50, 90, 99}) do
    io.write(string.format("OP_P%d_US=%d\n", p, latency:percentile(p)))
  end
  io.write(string.format("OP_MEAN_US=%.0f\nOP_MAX_US=%d\n", latency.mean, latency.max))
  if bad > 0 then
    io.write("OP_FAILED: " .. bad .. " answers other than 204; first bodies:\n" .. t:get("sample"))
  end
end
