import { defineQueue } from "../../queue/define.js";
import type { OaEventJob } from "../../zalo/webhook.js";

/** One job per OA webhook event, named after the event (user_send_text, follow, …); all carry the same payload. */
export const oaEventsQueue = defineQueue<Record<string, OaEventJob>>("zalo.oa-events");
