import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startZaloSimulator, type ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import { escalateConversation, escalateOverdue } from "../../../server/src/modules/chatbot/handover.js";
import { chatbotJobs } from "../../../server/src/modules/chatbot/jobs.js";
import { chatEscalateQueue } from "../../../server/src/modules/chatbot/send.js";
import { feedbackJobs } from "../../../server/src/modules/feedback/jobs.js";
import { notifyJobs } from "../../../server/src/modules/notify/jobs.js";
import { zaloJobs } from "../../../server/src/modules/zalo/jobs.js";
import { startWorkers, type RunningWorkers } from "../../../server/src/queue/registry.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { jpeg, m4a } from "../media/fixtures.js";
import { buildWorld, waitUntil, type World } from "../feedback/world.js";
import { chatDriver } from "./chat.js";

/**
 * A handover nobody answers moves up a level (delayed job, and the reconciler's sweep); a photo and a voice message
 * she sends are attached; a file or anything that is not a photo or a voice message is refused politely.
 */
let sim: ZaloSimulator;
let ctx: TestContext;
let w: World;
let workers: RunningWorkers;
let files: http.Server;
let photoUrl: string;
let voiceUrl: string;
let fileUrl: string;
const chat = chatDriver(
  () => ctx,
  () => sim,
);

beforeAll(async () => {
  sim = await startZaloSimulator({ port: 0, appId: "sim-app", appSecret: "sim-app-secret", oaId: "sim-oa", oaSecret: "sim-oa-secret", ratePerSec: 1000 });
  ctx = await createTestContext({ zaloUrl: sim.url });
  w = await buildWorld(ctx);
  workers = startWorkers(ctx.deps, [zaloJobs, chatbotJobs, feedbackJobs, notifyJobs], () => undefined);
  // Zalo's CDN stand-in: the photo, the voice message (an .m4a, as Zalo's voice messages are) and a file she sent.
  const served: Record<string, [string, Buffer]> = {
    "/photo.jpg": ["image/jpeg", jpeg()],
    "/voice.m4a": ["audio/mp4", m4a()],
    "/notes.txt": ["text/plain", Buffer.from("not a photo, not a voice message")],
  };
  files = http.createServer((req, res) => {
    const [type, body] = served[req.url ?? ""] ?? ["text/plain", Buffer.alloc(0)];
    res.writeHead(body.length > 0 ? 200 : 404, { "content-type": type }).end(body);
  });
  await new Promise<void>((r) => files.listen(0, "127.0.0.1", r));
  const at = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  photoUrl = `${at}/photo.jpg`;
  voiceUrl = `${at}/voice.m4a`;
  fileUrl = `${at}/notes.txt`;
});
afterAll(async () => {
  await workers?.stop(5000);
  await ctx?.close();
  await sim?.close();
  files?.close();
});

const link = async (memberId: string, name: string) => {
  const u = sim.createUser({ name });
  await ctx.deps.db.updateTable("members").set({ zalo_oa_user_id: u.oaUserId }).where("id", "=", memberId).execute();
  return u.oaUserId;
};

describe("handover escalation and attachments", () => {
  it("an unanswered handover is escalated from the xã to the province, by its delayed job or by the sweep", async () => {
    const oa = await link(w.identified.memberId, "Lò Thị Xuân Hương");
    await chat.say(oa, "gap can bo");
    const conv = await ctx.deps.db.selectFrom("chatbot_conversations").selectAll().where("oa_user_id", "=", oa).executeTakeFirstOrThrow();
    expect(conv.unit_id).toBe(w.units.xaA.id);
    const jobs = await chatEscalateQueue.on(ctx.deps.queues).getDelayed();
    expect(jobs.some((j) => j.data.conversationId === conv.id)).toBe(true);
    // Not yet due: the sweep leaves it alone.
    expect(await escalateOverdue(ctx.deps)).toBe(0);
    await ctx.deps.db.updateTable("chatbot_conversations").set({ handed_over_at: new Date(Date.now() - 3 * 3_600_000) }).where("id", "=", conv.id).execute();
    // The sweep here, or the workers' reconciler tick if it came first: either way it moves exactly once.
    await escalateOverdue(ctx.deps);
    const after = await ctx.deps.db.selectFrom("chatbot_conversations").select(["unit_id", "escalated_at"]).where("id", "=", conv.id).executeTakeFirstOrThrow();
    expect(after.unit_id).toBe(w.units.tinh.id);
    expect(await escalateOverdue(ctx.deps)).toBe(0);
    // The delayed job firing later changes nothing more.
    expect(await escalateConversation(ctx.deps, conv.id)).toBe("no-op");
    const list = (await ctx.app.inject({ method: "GET", url: "/api/staff/chat/conversations", headers: w.staff.tinh.headers })).json<{ items: Array<{ id: string; escalated: boolean }> }>();
    expect(list.items.find((c) => c.id === conv.id)?.escalated).toBe(true);
  });

  it("a photo and a voice message she sends during a guided feedback are stored by the media module and attached; a file is refused politely", async () => {
    const oa = await link(w.woman.memberId, "Sùng Thị Mai");
    await chat.say(oa, "2");
    await chat.say(oa, "2");
    const [attached] = await chat.sendEvent(chat.base("user_send_image", oa, { text: "", attachments: [{ type: "image", payload: { thumbnail: photoUrl, url: photoUrl } }] }), oa);
    expect(attached).toContain("đã nhận tệp");
    const [voice] = await chat.sendEvent(chat.base("user_send_audio", oa, { attachments: [{ type: "audio", payload: { url: voiceUrl } }] }), oa);
    expect(voice).toContain("đã nhận tệp");
    // A file that is neither: a polite word, the draft goes on without it.
    const [file] = await chat.sendEvent(chat.base("user_send_file", oa, { attachments: [{ type: "file", payload: { url: fileUrl, name: "notes.txt", size: "33", type: "txt" } }] }), oa);
    expect(file).toContain("chưa đọc được");
    await chat.say(oa, "Xuong che khong tra luong 3 thang nay");
    const [confirm] = await chat.say(oa, "2");
    expect(confirm).toContain("Tệp kèm: 2");
    const [sent] = await chat.say(oa, "1");
    const code = /Mã theo dõi: (PA-[0-9A-Z]{7})/.exec(sent ?? "")?.[1] as string;
    const media = await waitUntil("attached", async () => {
      const rows = await ctx.deps.db
        .selectFrom("submission_media as sm")
        .innerJoin("submissions as s", "s.id", "sm.submission_id")
        .innerJoin("media as m", "m.id", "sm.media_id")
        .select(["sm.kind", "m.owner_id", "m.mime"])
        .where("s.tracking_code", "=", code)
        .orderBy("sm.kind")
        .execute();
      return rows.length > 0 ? rows : null;
    });
    expect(media).toEqual([
      { kind: "audio", owner_id: w.woman.memberId, mime: "audio/mp4" },
      { kind: "image", owner_id: w.woman.memberId, mime: "image/jpeg" },
    ]);
  });
});
