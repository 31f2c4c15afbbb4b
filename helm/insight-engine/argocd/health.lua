-- Argo CD health of every insight-engine.io kind, read from the status the operator writes.
-- Healthy: Ready=True. Progressing: no status yet, a spec the operator has not seen, or a Ready
-- reason that says "wait" (Pending, RolloutInProgress, ReplicasNotReady, Running). Degraded: any
-- other Ready=False reason (the resource is invalid, its project is not ready, the rollout failed,
-- the dbt Job failed) and an engine that refused its bundle; the message is the operator's.
local hs = {}
local waiting = {Pending = true, RolloutInProgress = true, ReplicasNotReady = true, Running = true}

if obj.status == nil or obj.status.conditions == nil then
  hs.status = "Progressing"
  hs.message = "waiting for the operator to write status"
  return hs
end
if obj.metadata.generation ~= nil and obj.status.observedGeneration ~= nil
    and obj.status.observedGeneration < obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "the operator has not seen generation " .. obj.metadata.generation .. " yet"
  return hs
end

local ready = nil
for _, condition in ipairs(obj.status.conditions) do
  if condition.type == "ConfigApplied" and condition.status == "False" and condition.reason == "Refused" then
    hs.status = "Degraded"
    hs.message = condition.message
    return hs
  end
  if condition.type == "Ready" then
    ready = condition
  end
end

if ready == nil then
  hs.status = "Progressing"
  hs.message = "no Ready condition yet"
elseif ready.status == "True" then
  hs.status = "Healthy"
  hs.message = ready.message
elseif waiting[ready.reason] then
  hs.status = "Progressing"
  hs.message = ready.reason .. ": " .. (ready.message or "")
else
  hs.status = "Degraded"
  hs.message = ready.reason .. ": " .. (ready.message or "")
end
return hs
