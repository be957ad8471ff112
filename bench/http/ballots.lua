-- wrk script: each request POSTs the next prepared ballot of its thread (one code, one person, one
-- idempotency key per line: "KEY<TAB>JSON"), keeps the public ids of acknowledged (201) ballots and
-- writes them, with the statuses and latency percentiles, when the run ends.
-- wrk -s ballots.lua URL -- BODIES_FILE THREADS ; env BENCH_ACKS = where to write acknowledged ids.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local nthreads = tonumber(args[2])
  keys, bodies, acks, statuses = {}, {}, {}, {}
  local i = 0
  for line in io.lines(args[1]) do
    if i % nthreads == id then
      local tab = string.find(line, "\t", 1, true)
      table.insert(keys, string.sub(line, 1, tab - 1))
      table.insert(bodies, string.sub(line, tab + 1))
    end
    i = i + 1
  end
  n = 0
  ran_out = 0
end

function request()
  n = n + 1
  if n > #bodies then
    ran_out = ran_out + 1
    n = 1
  end
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["Idempotency-Key"] = keys[n]},
    bodies[n])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 201 then
    local public_id = string.match(body, '"public_id": *"([^"]+)"')
    if public_id then table.insert(acks, public_id) end
  end
end

function done(summary, latency, requests)
  local out = io.open(os.getenv("BENCH_ACKS"), "w")
  local counts = {}
  local ran_out_total = 0
  for _, thread in ipairs(threads) do
    for _, public_id in ipairs(thread:get("acks")) do out:write(public_id, "\n") end
    for status, count in pairs(thread:get("statuses")) do counts[status] = (counts[status] or 0) + count end
    ran_out_total = ran_out_total + thread:get("ran_out")
  end
  out:close()
  local parts = {}
  for status, count in pairs(counts) do table.insert(parts, string.format('"%d": %d', status, count)) end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"socket_errors": %d, "timeouts": %d, "ran_out": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect + e.read + e.write, e.timeout, ran_out_total,
    table.concat(parts, ", ")))
end
