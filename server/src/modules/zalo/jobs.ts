import type { JobDefinition, JobModule } from "../../queue/registry.js";
import { OA_EVENTS_QUEUE, type OaEventJob } from "../../zalo/webhook.js";
import { processOaEvent } from "./events.js";

const oaEventsJob: JobDefinition<OaEventJob> = {
  queue: OA_EVENTS_QUEUE,
  processor: (deps) => async (job) => processOaEvent(deps, job.data),
};

export const zaloJobs: JobModule = { jobs: [oaEventsJob as JobDefinition<never>] };
