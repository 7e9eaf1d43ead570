import { defineQueue, type AddOptions } from "../../queue/define.js";
import { delayUntil, keep } from "../feedback/queues.js";

export interface AckCheckJob {
  assignmentId: string;
}

/** One delayed job per alerted assignment, at its acknowledgement deadline (minutes, not the hours of its SLA). */
export const ackCheckQueue = defineQueue<{ "ack-check": AckCheckJob }>("safety.ack-check");

/** Deterministic: the same alert re-added (reconciler, retry) runs once. BullMQ refuses ":" in ids. */
export const ackCheckJobOptions = (assignmentId: string, dueAt: Date): AddOptions => ({
  ...keep,
  jobId: `ack-${assignmentId}-${dueAt.getTime()}`,
  delay: delayUntil(dueAt),
});
