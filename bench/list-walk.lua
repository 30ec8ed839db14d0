-- wrk script: a cursor walk over a list's members, one request at a time. It GETs START_PATH, then the
-- links.next of each answer, until an answer has no links.next; then it ends wrk (SIGINT).
--
--   wrk -t1 -c1 -d600s --timeout 30s -s bench/list-walk.lua http://127.0.0.1:PORT -- API_KEY START_PATH OUT MAX_PAGES
--
-- API_KEY     the private key (pk_...)
-- START_PATH  e.g. /api/lists/ID/profiles?page%5Bsize%5D=100 (also works for .../relationships/profiles)
-- OUT         prefix of the output files: OUT.ids (every profile id received, one a line, in order),
--             OUT.pages (one line per page: page number, latency in µs, ids on the page) and OUT.last
--             (the path of the last page)
-- MAX_PAGES   give up (and fail) after this many pages
--
-- Use -t1 -c1. Latency is measured here, from handing the request to wrk to the answer's response()
-- call. Every answer must be 200; the done hook prints OP_...=... lines for bench/lists.sh.

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
  local key = args[1]
  path, out, max_pages = args[2], args[3], tonumber(args[4])
  if key == nil or path == nil or out == nil or max_pages == nil then
    error("usage: wrk ... -s list-walk.lua URL -- API_KEY START_PATH OUT MAX_PAGES")
  end
  headers = {
    ["Authorization"] = "Klaviyo-API-Key " .. key,
    ["revision"] = "2026-07-15",
    ["Accept"] = "application/vnd.api+json",
  }
  ids_file = assert(io.open(out .. ".ids", "w"))
  pages_file = assert(io.open(out .. ".pages", "w"))
  pages, members, bad, finished = 0, 0, 0, 0
  sample = ""
  t_first, t_last, t_req = 0, 0, 0
end

local function finish()
  finished = 1
  t_last = now_us()
  ids_file:close()
  pages_file:close()
  local f = assert(io.open(out .. ".last", "w"))
  f:write(path, "\n")
  f:close()
  ffi.C.kill(ffi.C.getpid(), 2)   -- SIGINT: wrk stops and runs done()
end

function request()
  if not verified then
    -- wrk calls request() once right after init() to check the request (script_verify_request) and
    -- discards the answer: that call is not a page
    verified = true
    return wrk.format("GET", path, headers)
  end
  if finished == 1 then return wrk.format("GET", "/healthz") end
  t_req = now_us()
  if t_first == 0 then t_first = t_req end
  return wrk.format("GET", path, headers)
end

function delay()
  return finished == 1 and 3600000 or 0
end

function response(status, headers, body)
  if finished == 1 then return end
  local lat = now_us() - t_req
  pages = pages + 1
  if status ~= 200 then
    bad = bad + 1
    sample = status .. " " .. string.sub(body or "", 1, 600) .. "\n"
    finish()
    return
  end
  local ids = {}
  for id in string.gmatch(body, '{"type":"profile","id":"([^"]+)"') do ids[#ids + 1] = id end
  members = members + #ids
  if #ids > 0 then ids_file:write(table.concat(ids, "\n"), "\n") end
  pages_file:write(pages, " ", string.format("%.0f", lat), " ", #ids, "\n")
  local nxt = string.match(body, '"next":"([^"]+)"')
  if nxt == nil then
    finish()
  elseif pages >= max_pages then
    bad = bad + 1
    sample = "still a links.next after " .. pages .. " pages: " .. nxt .. "\n"
    finish()
  else
    path = string.gsub(nxt, "^https?://[^/]+", "")
  end
end

function done(summary, latency, requests)
  local t = threads[1]
  local elapsed = t:get("t_last") - t:get("t_first")
  local pages = t:get("pages")
  local e = summary.errors
  io.write(string.format("OP_PAGES=%d\nOP_MEMBERS=%d\nOP_NON2XX=%d\nOP_FINISHED=%d\n", pages, t:get("members"),
      t:get("bad"), t:get("finished")))
  io.write(string.format("OP_ELAPSED_US=%.0f\n", elapsed > 0 and elapsed or 0))
  io.write(string.format("OP_RPS=%.2f\n", elapsed > 0 and pages / (elapsed / 1e6) or 0))
  io.write(string.format("OP_SOCKET_ERRORS=%d\nOP_TIMEOUTS=%d\n", e.connect + e.read + e.write, e.timeout))
  if t:get("bad") > 0 then
    io.write("OP_FAILED: " .. t:get("sample"))
  end
end
