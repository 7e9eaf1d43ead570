import crypto from "node:crypto";
import type { ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import type { TestContext } from "../../helpers/context.js";
import { waitUntil } from "../feedback/world.js";

/** What the chatbot tests share: a follower typing in the OA chat through Zalo's signed webhook, and what reaches her. */
export function chatDriver(ctx: () => TestContext, sim: () => ZaloSimulator) {
  const post = (body: string, headers: Record<string, string>) => ctx().app.inject({ method: "POST", url: "/api/zalo/webhook", headers, payload: body });

  /** Delivers a Zalo-shaped event (ids and timestamps as strings), signed; she has interacted, so the window is open. */
  const deliver = async (event: Record<string, unknown>) => {
    const userId = ((event.sender ?? event.follower) as { id: string }).id;
    sim().interact(userId);
    const s = sim().signedWebhook(event);
    const res = await post(s.body, s.headers);
    if (res.statusCode !== 200) throw new Error(`webhook answered ${res.statusCode}: ${res.body}`);
    return event;
  };
  const msgId = () => crypto.randomBytes(16).toString("hex");
  const base = (name: string, oaUserId: string, message: Record<string, unknown>) => ({
    app_id: "sim-app",
    user_id_by_app: `app-${oaUserId}`,
    event_name: name,
    sender: { id: oaUserId },
    recipient: { id: "sim-oa" },
    message: { msg_id: msgId(), ...message },
    timestamp: String(Date.now()),
  });

  const received = (oaUserId: string) => sim().sentMessages().filter((m) => m.kind === "cs" && m.userId === oaUserId);
  /** Sends and waits until `n` more messages have reached her at the simulator; returns their texts. */
  const say = async (oaUserId: string, text: string, n = 1) => {
    const before = received(oaUserId).length;
    await deliver(sim().textEvent(oaUserId, text, msgId()));
    return waitUntil(`${n} repl(ies) to "${text.slice(0, 30)}"`, async () => {
      const now = received(oaUserId);
      return now.length >= before + n ? now.slice(before).map((m) => m.text ?? "") : null;
    });
  };
  const sendEvent = async (event: Record<string, unknown>, oaUserId: string, n = 1) => {
    const before = received(oaUserId).length;
    await deliver(event);
    return waitUntil(`${n} repl(ies) to ${String(event.event_name)}`, async () => {
      const now = received(oaUserId);
      return now.length >= before + n ? now.slice(before).map((m) => m.text ?? "") : null;
    });
  };
  /** The event was handled (stored, and the bot's turn written) — for asserting that the bot said nothing. */
  const handled = (key: string) =>
    waitUntil(`event ${key} handled`, () => ctx().deps.db.selectFrom("chatbot_messages").select("id").where("event_key", "=", key).where("direction", "=", "in").executeTakeFirst());
  return { post, deliver, say, sendEvent, received, handled, base, msgId };
}
