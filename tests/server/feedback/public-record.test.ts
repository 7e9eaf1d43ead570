import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { png } from "../media/fixtures.js";
import { createMediaContext, upload, type MediaTestContext } from "../media/helpers.js";
import { buildWorld, primaryAssignment, startPipeline, submit, submitOk, waitUntil, type Login, type World } from "./world.js";

const NAME = "Lò Thị Xuân Hương";
const BODY = `Tôi là ${NAME}, số điện thoại 0912345678. Đường điện chiếu sáng ở thôn Làng Mới bị hỏng ba tháng nay, tối đi lại rất nguy hiểm.`;
const PUBLIC_TEXT = "Đường điện chiếu sáng ở thôn Làng Mới bị hỏng ba tháng nay, tối đi lại rất nguy hiểm.";
const ANSWER = "Hội đã phối hợp với xã và điện lực thay bóng đèn, sửa đường dây; đèn đã sáng lại từ ngày 20.";

/**
 * Kết quả xử lý (issue 13): her consent on the send form and later, the cán bộ's publish step with its audit, the public
 * anonymous record and its photos.
 */
describe("public record: consent, publish step, anonymous reads", () => {
  let ctx: MediaTestContext;
  let w: World;
  let pipeline: ReturnType<typeof startPipeline>;
  beforeAll(async () => {
    ctx = await createMediaContext();
    w = await buildWorld(ctx);
    pipeline = startPipeline(ctx.deps);
  });
  afterAll(async () => {
    await pipeline?.workers.stop(5000);
    await ctx?.close();
  });

  const inject = (method: "GET" | "PUT" | "POST", url: string, who: Login | null, payload?: Record<string, unknown>, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method, url, headers: { ...(who?.headers ?? {}), ...headers }, ...(payload ? { payload } : {}) });
  const consentOf = async (id: string) =>
    (await ctx.deps.db.selectFrom("submission_publications").select(["consent", "state"]).where("submission_id", "=", id).executeTakeFirst()) ?? null;
  const audits = (id: string) => ctx.deps.db.selectFrom("audit_log").select(["action", "actor_id", "detail"]).where("entity_id", "=", id).where("action", "like", "submission.%publish%").orderBy("id").execute();

  async function resolved(who: Login, body: string, photos = 0, consent = true): Promise<{ id: string; trackingCode: string; photos: string[] }> {
    const created = await submitOk(ctx, who, { kind: "feedback", category: "dat_dai", body, publishConsent: consent });
    const a = await waitUntil("routing", () => primaryAssignment(ctx.deps, created.id));
    const ids: string[] = [];
    for (let i = 0; i < photos; i++) ids.push((await upload(ctx, w.staff.xaA.token, { bytes: png(), filename: `anh-${i}.png`, contentType: "image/png" })).json().id as string);
    const r = await inject("POST", `/api/assignments/${a.id}/resolve`, w.staff.xaA, { message: ANSWER, mediaIds: ids });
    expect(r.statusCode).toBe(200);
    return { ...created, photos: ids };
  }

  it("consent is never taken for anonymous, sensitive or private-category items, and nothing is stored then", async () => {
    const before = await ctx.deps.db.selectFrom("submissions").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    for (const extra of [{ anonymous: true }, { sensitive: true }, { category: "bao_luc" }, { kind: "petition" }]) {
      const r = await submit(ctx, w.woman, { kind: "feedback", category: "dat_dai", body: "Ô nhiễm nguồn nước ở thôn.", publishConsent: true, ...extra });
      expect(r.statusCode, JSON.stringify(extra)).toBe(400);
      expect(r.json()).toMatchObject({ code: "PUBLISH_NOT_ALLOWED", field: "publishConsent" });
      expect(r.json().message).toMatch(/công khai/);
    }
    const after = await ctx.deps.db.selectFrom("submissions").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    // the same items without the consent go through as before
    const plain = await submitOk(ctx, w.woman, { kind: "feedback", category: "bao_luc", body: "Hàng xóm bị chồng đánh." });
    expect(await consentOf(plain.id)).toBeNull();
    const mine = await inject("GET", `/api/submissions/${plain.id}/publication`, w.woman);
    expect(mine.json()).toEqual({ offered: false, consent: false, state: null, changeable: false });
    const later = await inject("PUT", `/api/submissions/${plain.id}/publication`, w.woman, { consent: true });
    expect(later.statusCode).toBe(400);
    expect(later.json().code).toBe("PUBLISH_NOT_ALLOWED");
    expect(await consentOf(plain.id)).toBeNull();
  });

  it("she gives it on the form or later, changes it until published, only for her own item", async () => {
    const given = await submitOk(ctx, w.woman, { kind: "feedback", category: "dat_dai", body: "Rác thải đổ ra suối.", publishConsent: true });
    expect(await consentOf(given.id)).toEqual({ consent: true, state: "pending" });
    const off = await submitOk(ctx, w.woman, { kind: "feedback", category: "dat_dai", body: "Rác thải đổ ra đường." });
    expect(await consentOf(off.id)).toBeNull();
    expect((await inject("GET", `/api/submissions/${off.id}/publication`, w.woman)).json()).toEqual({ offered: true, consent: false, state: null, changeable: true });
    const yes = await inject("PUT", `/api/submissions/${off.id}/publication`, w.woman, { consent: true });
    expect(yes.statusCode).toBe(200);
    expect(yes.json()).toMatchObject({ consent: true, state: "pending" });
    expect((await inject("PUT", `/api/submissions/${given.id}/publication`, w.woman, { consent: false })).json().consent).toBe(false);
    expect(await consentOf(given.id)).toEqual({ consent: false, state: "pending" });
    const other = await inject("PUT", `/api/submissions/${off.id}/publication`, w.identified, { consent: false });
    expect(other.statusCode).toBe(404);
    expect(await consentOf(off.id)).toEqual({ consent: true, state: "pending" });
    const anon = await inject("PUT", `/api/submissions/${off.id}/publication`, null, { consent: false });
    expect(anon.statusCode).toBe(401);
  });

  it("the cán bộ of the resolving unit's subtree publishes her reviewed copy; the public never sees who sent it", async () => {
    const item = await resolved(w.identified, BODY, 2);
    // another commune, a chi hội below the resolving xã, and the woman herself: not theirs to decide
    for (const who of [w.staff.xaB, w.staff.chiA1]) {
      const r = await inject("POST", `/api/staff/publications/${item.id}/publish`, who, { text: PUBLIC_TEXT, answer: ANSWER });
      expect(r.statusCode).toBe(404);
    }
    expect((await inject("POST", `/api/staff/publications/${item.id}/publish`, w.identified, { text: PUBLIC_TEXT, answer: ANSWER })).statusCode).toBe(403);
    expect(await consentOf(item.id)).toEqual({ consent: true, state: "pending" });

    const review = await inject("GET", `/api/staff/publications/${item.id}`, w.staff.xaA);
    expect(review.statusCode).toBe(200);
    expect(review.json()).toMatchObject({ canPublish: true, blockedBy: null, text: BODY, answer: ANSWER, state: "pending" });
    expect(review.json().photos).toEqual(item.photos.map((id) => ({ id, chosen: false, coveredBy: null })));
    const pending = await inject("GET", "/api/staff/publications", w.staff.tinh);
    expect(pending.json().items.map((i: { submissionId: string }) => i.submissionId)).toContain(item.id);

    const empty = await inject("POST", `/api/staff/publications/${item.id}/publish`, w.staff.xaA, { text: "  \u200b ", answer: ANSWER });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toMatch(/[ạ-ỹ]/);
    const foreign = (await upload(ctx, w.staff.xaA.token, { bytes: png(), filename: "khac.png", contentType: "image/png" })).json().id as string;
    const stray = await inject("POST", `/api/staff/publications/${item.id}/publish`, w.staff.xaA, { text: PUBLIC_TEXT, answer: ANSWER, mediaIds: [foreign] });
    expect(stray.statusCode).toBe(400);
    expect(stray.json()).toMatchObject({ code: "PUBLISH_PHOTO_NOT_PROOF", field: "mediaIds" });
    expect(await consentOf(item.id)).toEqual({ consent: true, state: "pending" });

    // the province's cán bộ may decide too (her subtree holds the xã); she keeps one photo and hides the other
    const [shown, hidden] = item.photos as [string, string];
    const ok = await inject("POST", `/api/staff/publications/${item.id}/publish`, w.staff.tinh, { text: PUBLIC_TEXT, answer: ANSWER, mediaIds: [shown] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ state: "published", text: PUBLIC_TEXT });
    const publicId = ok.json().publicId as string;
    expect(publicId).not.toBe(item.id);
    expect(await audits(item.id)).toEqual([
      { action: "submission.publish", actor_id: w.staff.tinh.memberId, detail: expect.objectContaining({ textEdited: true, photos: [shown] }) },
    ]);

    const list = await inject("GET", "/api/public-record", null);
    expect(list.statusCode).toBe(200);
    expect(list.headers["cache-control"]).toBe("public, no-cache");
    const found = list.json().items.find((i: { id: string }) => i.id === publicId);
    expect(found).toMatchObject({
      categoryName: "Đất đai – môi trường",
      communeName: "Xã Bảo Thắng",
      unitName: "Xã Bảo Thắng",
      text: PUBLIC_TEXT,
      answer: ANSWER,
      onTime: true,
      rating: null,
      photos: [{ id: shown }],
    });
    const detail = await inject("GET", `/api/public-record/items/${publicId}`, null);
    expect(detail.statusCode).toBe(200);
    for (const raw of [list.body, detail.body]) {
      for (const secret of [NAME, "Xuân Hương", "0912345678", "84912345678", item.trackingCode, item.id, w.identified.memberId, w.units.chiA1.id, "Chi hội thôn Làng Mới"]) {
        expect(raw).not.toContain(secret);
      }
    }
    // the chosen photo is public (no session), the hidden one is not
    expect((await inject("GET", `/api/media/${shown}`, null)).statusCode).toBe(200);
    expect((await inject("GET", `/api/media/${hidden}`, null)).statusCode).toBe(401);
    // she can no longer change her mind herself; a cán bộ takes it off
    const late = await inject("PUT", `/api/submissions/${item.id}/publication`, w.identified, { consent: false });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe("PUBLISH_ALREADY_PUBLISHED");

    // cacheable: the same answer is a 304, a change is a new ETag
    const etag = detail.headers.etag as string;
    expect((await inject("GET", `/api/public-record/items/${publicId}`, null, undefined, { "if-none-match": etag })).statusCode).toBe(304);
    expect((await inject("POST", `/api/submissions/${item.id}/rating`, w.identified, { rating: "hai_long", comment: `Cảm ơn chị, ${NAME}` })).statusCode).toBe(200);
    const rated = await inject("GET", `/api/public-record/items/${publicId}`, null, undefined, { "if-none-match": etag });
    expect(rated.statusCode).toBe(200);
    expect(rated.json().rating).toBe("hai_long");
    expect(rated.body).not.toContain("Cảm ơn");

    const down = await inject("POST", `/api/staff/publications/${item.id}/unpublish`, w.staff.xaA, { note: "Chị em xin gỡ" });
    expect(down.statusCode).toBe(200);
    expect(down.json()).toMatchObject({ state: "unpublished", publicId: null });
    expect((await audits(item.id)).map((a) => [a.action, a.actor_id])).toEqual([
      ["submission.publish", w.staff.tinh.memberId],
      ["submission.unpublish", w.staff.xaA.memberId],
    ]);
    expect((await inject("GET", `/api/public-record/items/${publicId}`, null)).statusCode).toBe(404);
    expect((await inject("GET", "/api/public-record", null)).json().items.map((i: { id: string }) => i.id)).not.toContain(publicId);
    expect((await inject("GET", `/api/media/${shown}`, null)).statusCode).toBe(401);
    const again = await inject("POST", `/api/staff/publications/${item.id}/unpublish`, w.staff.xaA, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("PUBLISH_NOT_PUBLISHED");
  });

  it("faces hidden: her covered copy is shown in place of the proof photo, never the original; a copy not hers or for a photo not chosen is refused", async () => {
    const item = await resolved(w.identified, "Cầu tràn thôn Làng Mới ngập, các cháu không đến trường được.", 2);
    const [withFaces, plain] = item.photos as [string, string];
    const copyOf = async (who: Login) => (await upload(ctx, who.token, { bytes: png(), filename: "anh-da-che.jpg", contentType: "image/png" })).json().id as string;
    const copy = await copyOf(w.staff.xaA);
    const publishAs = (who: Login, extra: Record<string, unknown>) => inject("POST", `/api/staff/publications/${item.id}/publish`, who, { text: "Cầu tràn thôn Làng Mới ngập.", answer: ANSWER, ...extra });

    // refused, nothing published: another cán bộ's upload, a photo not chosen, a proof photo passed off as a copy, twice the same copy
    const notHers = await copyOf(w.staff.tinh);
    for (const extra of [
      { mediaIds: [withFaces], covered: [{ of: withFaces, mediaId: notHers }] },
      { mediaIds: [plain], covered: [{ of: withFaces, mediaId: copy }] },
      { mediaIds: [withFaces], covered: [{ of: withFaces, mediaId: plain }] },
      { mediaIds: [withFaces, plain], covered: [{ of: withFaces, mediaId: copy }, { of: plain, mediaId: copy }] },
    ]) {
      const r = await publishAs(w.staff.xaA, extra);
      expect(r.statusCode, JSON.stringify(extra)).toBe(400);
      expect(r.json()).toMatchObject({ code: "PUBLISH_COVER_INVALID", field: "covered" });
    }
    expect(await consentOf(item.id)).toEqual({ consent: true, state: "pending" });

    const ok = await publishAs(w.staff.xaA, { mediaIds: [withFaces, plain], covered: [{ of: withFaces, mediaId: copy }] });
    expect(ok.statusCode).toBe(200);
    // her review keeps which photo is covered, by which copy
    expect(ok.json().photos).toEqual([
      { id: withFaces, chosen: true, coveredBy: copy },
      { id: plain, chosen: true, coveredBy: null },
    ]);
    const shown = await inject("GET", `/api/public-record/items/${ok.json().publicId as string}`, null);
    expect(shown.json().photos).toEqual([{ id: copy }, { id: plain }]);
    expect(shown.body).not.toContain(withFaces);
    // the copy is public, the original with the faces is not
    expect((await inject("GET", `/api/media/${copy}`, null)).statusCode).toBe(200);
    expect((await inject("GET", `/api/media/${withFaces}`, null)).statusCode).toBe(401);
    expect((await audits(item.id)).at(-1)).toMatchObject({ action: "submission.publish", detail: expect.objectContaining({ photos: [withFaces, plain], facesCovered: [withFaces] }) });

    // another cán bộ over the unit updates the text and keeps the cover a colleague made; she cannot bring in a copy
    // made by someone else for another photo
    const kept = await publishAs(w.staff.tinh, { mediaIds: [withFaces, plain], covered: [{ of: withFaces, mediaId: copy }] });
    expect(kept.statusCode).toBe(200);
    expect(kept.json().photos[0]).toEqual({ id: withFaces, chosen: true, coveredBy: copy });
    const moved = await publishAs(w.staff.tinh, { mediaIds: [withFaces, plain], covered: [{ of: plain, mediaId: copy }] });
    expect(moved.json()).toMatchObject({ code: "PUBLISH_COVER_INVALID" });

    // uncovered on the next update: the original goes public as she then chose, the copy no longer is
    const back = await publishAs(w.staff.xaA, { mediaIds: [withFaces] });
    expect(back.json().photos).toEqual([
      { id: withFaces, chosen: true, coveredBy: null },
      { id: plain, chosen: false, coveredBy: null },
    ]);
    expect((await inject("GET", `/api/media/${copy}`, null)).statusCode).toBe(401);
  });

  it("is refused before a resolution, without her consent, and declined with an audit row", async () => {
    const open = await submitOk(ctx, w.woman, { kind: "feedback", category: "dat_dai", body: "Nước sạch bị cắt.", publishConsent: true });
    await waitUntil("routing", () => primaryAssignment(ctx.deps, open.id));
    const early = await inject("POST", `/api/staff/publications/${open.id}/publish`, w.staff.xaA, { text: "Nước sạch bị cắt.", answer: ANSWER });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("PUBLISH_NOT_RESOLVED");

    const withdrawn = await resolved(w.woman, "Cống thoát nước bị tắc.");
    expect((await inject("PUT", `/api/submissions/${withdrawn.id}/publication`, w.woman, { consent: false })).statusCode).toBe(200);
    const refused = await inject("POST", `/api/staff/publications/${withdrawn.id}/publish`, w.staff.xaA, { text: "Cống thoát nước bị tắc.", answer: ANSWER });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe("PUBLISH_NO_CONSENT");
    const never = await resolved(w.woman, "Cống thoát nước bị vỡ.", 0, false);
    expect((await inject("POST", `/api/staff/publications/${never.id}/publish`, w.staff.xaA, { text: "x", answer: ANSWER })).json().code).toBe("PUBLISH_NO_CONSENT");
    expect(await consentOf(never.id)).toBeNull();

    const declined = await resolved(w.woman, "Cống thoát nước bị lấp.");
    const d = await inject("POST", `/api/staff/publications/${declined.id}/decline`, w.staff.xaA, { note: "Có tên người trong ảnh" });
    expect(d.statusCode).toBe(200);
    expect(d.json().state).toBe("declined");
    expect((await audits(declined.id)).map((a) => a.action)).toEqual(["submission.publish_decline"]);
    expect((await inject("GET", `/api/submissions/${declined.id}/publication`, w.woman)).json()).toMatchObject({ state: "declined", consent: true });
  });

  it("bad input gets a 4xx with a stable code", async () => {
    const bad = await inject("GET", "/api/public-record?limit=0", null);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe("VALIDATION");
    expect((await inject("GET", "/api/public-record/items/not-a-uuid", null)).statusCode).toBe(400);
    const unknown = await inject("GET", "/api/public-record/items/00000000-0000-4000-8000-000000000000", null);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: "NOT_FOUND", message: "Không tìm thấy kết quả này." });
    const noBody = await inject("POST", "/api/staff/publications/00000000-0000-4000-8000-000000000000/publish", w.staff.xaA, { text: "a" });
    expect(noBody.statusCode).toBe(400);
    const consent = await inject("PUT", "/api/submissions/00000000-0000-4000-8000-000000000000/publication", w.woman, { consent: "yes" });
    expect(consent.statusCode).toBe(400);
  });
});
