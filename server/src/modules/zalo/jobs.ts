import { defineJob, type JobModule } from "../../queue/registry.js";
import { processOaEvent } from "./events.js";
import { oaEventsQueue } from "./queues.js";

const oaEventsJob = defineJob({
  queue: oaEventsQueue,
  processor: (deps) => async (job) => processOaEvent(deps, job.data),
});

export const zaloJobs: JobModule = { jobs: [oaEventsJob] };
