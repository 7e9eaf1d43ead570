import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AdminContest, AdminQuestion, AdminQuestionList, AttemptView } from "@hoiso/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { format } from "../../../server/src/i18n/index.js";
import { multipart, png } from "../media/fixtures.js";
import { bankCsv, contestWorld, type Headers } from "./world.js";

type World = Awaited<ReturnType<typeof contestWorld>>;

/**
 * Thi after creation (issue 11): the cán bộ edits a contest and its rounds (audited), changes questions only while
 * nobody has started an attempt, gives a question a picture that only those who drew it may load, and the winners are
 * each told once to confirm who they are. Starting attempts is rate limited per member.
 */
describe("Thi: editing, question pictures, winners told, attempt starts limited", () => {
  let w: World;
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "hoiso-contest-media-"));
  beforeAll(async () => {
    w = await contestWorld({ MEDIA_DIR: mediaDir, RATE_LIMIT_ATTEMPT_PER_MEMBER: "4", RATE_LIMIT_WINDOW_SECONDS: "600" });
  });
  afterAll(async () => {
    await w?.ctx.close();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  const db = () => w.ctx.deps.db;
  const bank = async (c: AdminContest, by: Headers = w.admin.headers) =>
    (await w.inject("GET", `/api/admin/contests/${c.id}/rounds/${c.rounds[0]!.id}/questions`, by)).json<AdminQuestionList>();
  const snapshot = async (c: AdminContest) => ({
    contest: await db().selectFrom("contests").selectAll().where("id", "=", c.id).executeTakeFirstOrThrow(),
    rounds: await db().selectFrom("contest_rounds").selectAll().where("contest_id", "=", c.id).orderBy("position").execute(),
    questions: await db().selectFrom("contest_questions").selectAll().where("round_id", "=", c.rounds[0]!.id).orderBy("position").execute(),
  });
  const uploadPng = async (by: Headers) => {
    const { payload, headers } = multipart([{ field: "file", filename: "hinh.png", contentType: "image/png", bytes: png() }]);
    const res = await w.ctx.app.inject({ method: "POST", url: "/api/media", payload, headers: { ...headers, ...by } });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string }>().id;
  };

  it("edits title, rules and prizes, and a round's times and draw before anyone starts; every change audited", async () => {
    const c = await w.contest(w.contestBody(), 6);
    const edited = await w.inject("PATCH", `/api/admin/contests/${c.id}`, w.admin.headers, { title: "Cuộc thi (sửa)", rules: "Luật mới.", prizeTiers: [{ label: "Giải Nhất", count: 2 }] });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<AdminContest>()).toMatchObject({ title: "Cuộc thi (sửa)", rules: "Luật mới.", prizeTiers: [{ label: "Giải Nhất", count: 2 }] });
    const closesAt = new Date(Date.now() + 3 * 86400_000).toISOString();
    const round = await w.inject("PATCH", `/api/admin/contests/${c.id}/rounds/${c.rounds[0]!.id}`, w.admin.headers, { title: "Đợt 1 (sửa)", closesAt, questionCount: 4, timeLimitSeconds: 300 });
    expect(round.statusCode).toBe(200);
    expect(round.json<AdminContest>().rounds[0]).toMatchObject({ title: "Đợt 1 (sửa)", closesAt, questionCount: 4, timeLimitSeconds: 300 });
    const audit = await db().selectFrom("audit_log").select(["action", "detail"]).where("entity_id", "=", c.id).where("action", "in", ["contest.update", "contest.round.update"]).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["contest.update", "contest.round.update"]);
    expect(audit[1]!.detail).toMatchObject({ roundId: c.rounds[0]!.id, questionCount: 4 });

    // times that do not hold together, and a cán bộ outside the organising unit's subtree: nothing changes
    const before = await snapshot(c);
    const bad = await w.inject("PATCH", `/api/admin/contests/${c.id}/rounds/${c.rounds[0]!.id}`, w.admin.headers, { closesAt: new Date(Date.now() - 7200_000).toISOString() });
    expect([bad.statusCode, bad.json<{ code: string }>().code]).toEqual([400, "CONTEST_SETTINGS_INVALID"]);
    expect((await w.inject("PATCH", `/api/admin/contests/${c.id}`, w.canBoA.headers, { title: "Không được" })).statusCode).toBe(404);
    expect(await snapshot(c)).toEqual(before);
  });

  it("once an attempt exists: times and attempts still change, the draw and the questions do not (409, nothing written)", async () => {
    const c = await w.contest(w.contestBody({}, { questionCount: 5 }), 6);
    const roundId = c.rounds[0]!.id;
    const q = (await bank(c)).items[0]!;
    const put = await w.inject("PUT", `/api/admin/contests/${c.id}/rounds/${roundId}/questions/${q.id}`, w.admin.headers, { prompt: "Câu đã sửa?", choices: ["Có", "Không"], answer: [0], explanation: "Vì thế." });
    expect(put.statusCode).toBe(200);
    expect(put.json<AdminQuestion>()).toMatchObject({ prompt: "Câu đã sửa?", choices: ["Có", "Không"], answer: [0] });
    const wrongAnswer = await w.inject("PUT", `/api/admin/contests/${c.id}/rounds/${roundId}/questions/${q.id}`, w.admin.headers, { prompt: "Câu?", choices: ["Có", "Không"], answer: [3] });
    expect(wrongAnswer.statusCode).toBe(400);

    await w.start(w.memberA.headers, c);
    expect((await bank(c)).attempts).toBe(1);
    const before = await snapshot(c);
    const refusals = [
      await w.inject("PATCH", `/api/admin/contests/${c.id}/rounds/${roundId}`, w.admin.headers, { questionCount: 3 }),
      await w.inject("PATCH", `/api/admin/contests/${c.id}/rounds/${roundId}`, w.admin.headers, { timeLimitSeconds: 60 }),
      await w.inject("PUT", `/api/admin/contests/${c.id}/rounds/${roundId}/questions/${q.id}`, w.admin.headers, { prompt: "Sửa lần nữa?", choices: ["Có", "Không"], answer: [1] }),
      await w.inject("DELETE", `/api/admin/contests/${c.id}/rounds/${roundId}/questions/${q.id}`, w.admin.headers),
      await w.inject("POST", `/api/admin/contests/${c.id}/rounds/${roundId}/questions`, w.admin.headers, { prompt: "Câu mới?", choices: ["Có", "Không"], answer: [0] }),
      await w.inject("POST", `/api/admin/contests/${c.id}/rounds/${roundId}/import`, w.admin.headers, { fileName: "them.csv", contentBase64: Buffer.from(bankCsv(2, "Thêm")).toString("base64") }),
    ];
    for (const res of refusals) {
      expect(res.statusCode).toBe(409);
      expect(res.json<{ code: string; message: string }>()).toMatchObject({ code: "CONTEST_ROUND_HAS_ATTEMPTS", message: expect.stringMatching(/^Đợt thi đã có người làm bài/) as unknown });
    }
    expect(await snapshot(c)).toEqual(before);

    const later = new Date(Date.now() + 10 * 86400_000).toISOString();
    const ok = await w.inject("PATCH", `/api/admin/contests/${c.id}/rounds/${roundId}`, w.admin.headers, { closesAt: later, maxAttempts: 5, title: "Đợt 1 (gia hạn)" });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<AdminContest>().rounds[0]).toMatchObject({ closesAt: later, maxAttempts: 5, title: "Đợt 1 (gia hạn)" });
  });

  it("a question's picture: only an image she uploaded; loaded by a member once her attempt drew it, privately cached", async () => {
    const c = await w.contest(w.contestBody({}, { questionCount: 5 }), 5);
    const roundId = c.rounds[0]!.id;
    const q = (await bank(c)).items[0]!;
    const image = await uploadPng(w.admin.headers);
    const someoneElses = await uploadPng(w.memberB.headers);
    const body = { prompt: q.prompt, choices: q.choices, answer: q.answer, explanation: q.explanation };
    const refused = await w.inject("PUT", `/api/admin/contests/${c.id}/rounds/${roundId}/questions/${q.id}`, w.admin.headers, { ...body, imageMediaId: someoneElses });
    expect([refused.statusCode, refused.json<{ code: string; field: string }>()]).toEqual([400, expect.objectContaining({ code: "CONTEST_IMAGE_INVALID", field: "imageMediaId" })]);
    const put = await w.inject("PUT", `/api/admin/contests/${c.id}/rounds/${roundId}/questions/${q.id}`, w.admin.headers, { ...body, imageMediaId: image });
    expect(put.json<AdminQuestion>().imageMediaId).toBe(image);

    const media = (by: Headers) => w.ctx.app.inject({ method: "GET", url: `/api/media/${image}`, headers: by });
    expect((await media(w.memberA.headers)).statusCode).toBe(404);
    expect((await media(w.admin.headers)).statusCode).toBe(200);
    const a: AttemptView = await w.start(w.memberA.headers, c);
    expect(a.questions.find((x) => x.id === q.id)?.imageMediaId).toBe(image);
    expect(a.questions.filter((x) => x.imageMediaId !== null)).toHaveLength(1);
    const res = await media(w.memberA.headers);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/png");
    expect(res.headers["cache-control"]).toMatch(/^private/);
    expect((await media(w.memberB.headers)).statusCode).toBe(404);
  });

  it("winners are each told once, in their language's text, to confirm who they are", async () => {
    const c = await w.contest(w.contestBody({}, { maxAttempts: 1 }), 6);
    const roundId = c.rounds[0]!.id;
    for (const [m, right] of [[w.memberA, 5], [w.memberA2, 4], [w.memberB, 2]] as const) {
      const a = await w.start(m.headers, c);
      const answers = (await w.rightAnswers(a)).slice(0, right);
      expect((await w.inject("PUT", `/api/attempts/${a.id}`, m.headers, { answers })).statusCode).toBe(200);
    }
    expect((await w.inject("POST", `/api/admin/contests/${c.id}/rounds/${roundId}/close`, w.admin.headers)).statusCode).toBe(200);
    const told = async () =>
      db().selectFrom("deliveries").select(["recipient_id", "type", "params", "link", "channel"]).where("source_module", "=", "contests").where("source_id", "=", roundId).where("channel", "=", "in_app").orderBy("recipient_id").execute();
    expect((await w.inject("POST", `/api/admin/contests/${c.id}/rounds/${roundId}/winners`, w.admin.headers)).json()).toEqual({ winners: 3 });
    const first = await told();
    expect(first.map((t) => t.recipient_id)).toEqual([w.memberA.memberId, w.memberA2.memberId, w.memberB.memberId].sort());
    const toA = first.find((t) => t.recipient_id === w.memberA.memberId)!;
    expect(toA).toMatchObject({ type: "contests.winner", link: `/thi/cuoc-thi/${c.id}/dot/${roundId}`, params: { label: "Giải Nhất", round: "Đợt 1", title: c.title } });
    expect(format("vi", "contests.winner", toA.params as Record<string, unknown>)).toBe(`Chúc mừng chị đoạt Giải Nhất Đợt 1 cuộc thi "${c.title}". Chị mở Hội Số, vào mục Thi để xác nhận thông tin nhận giải.`);
    // picking again (the same list) tells nobody a second time
    expect((await w.inject("POST", `/api/admin/contests/${c.id}/rounds/${roundId}/winners`, w.admin.headers)).json()).toEqual({ winners: 3 });
    expect(await told()).toEqual(first);
  });

  it("starting attempts is limited per member: 429 with a Vietnamese message, another member unaffected", async () => {
    const c = await w.contest(w.contestBody({}, { maxAttempts: 10 }), 6);
    const roundId = c.rounds[0]!.id;
    const m = await w.member("Hội viên thử giới hạn", w.tree.chiHoiA.id);
    const start = (by: Headers) => w.inject("POST", `/api/contests/${c.id}/attempts`, by, { roundId });
    expect((await start(m.headers)).statusCode).toBe(201);
    // her open attempt: she is told to resume it, and each try still counts
    for (let i = 0; i < 3; i++) expect((await start(m.headers)).statusCode).toBe(409);
    const limited = await start(m.headers);
    expect(limited.statusCode).toBe(429);
    expect(limited.json<{ code: string; message: string }>()).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/^Chị bắt đầu bài thi nhiều lần quá .* chờ .* rồi thử lại/) as unknown });
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(await db().selectFrom("contest_attempts").select("id").where("member_id", "=", m.memberId).execute()).toHaveLength(1);
    const other = await w.member("Hội viên khác", w.tree.chiHoiA.id);
    expect((await start(other.headers)).statusCode).toBe(201);
  });
});
