import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devLogin } from "../../helpers/fixtures.js";
import { png } from "../media/fixtures.js";
import { createMediaContext, upload, type MediaTestContext } from "../media/helpers.js";
import { countRows, submit, submitOk, type Login, buildWorld, type World } from "./world.js";

/** Who may send where, who may co-sign, what a petition may not be, and retries that must not store twice. */
describe("intake guards", () => {
  let ctx: MediaTestContext;
  let w: World;
  const post = (who: Login, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: "POST", url, headers: { ...who.headers, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const setMember = (who: Login, unitId: string | null, status: "none" | "pending" | "confirmed") =>
    ctx.deps.db.updateTable("members").set({ unit_id: unitId, membership_status: status }).where("id", "=", who.memberId).execute();

  beforeAll(async () => {
    ctx = await createMediaContext();
    w = await buildWorld(ctx);
  });
  afterAll(() => ctx?.close());

  it("she sends about her own xã/phường only; a cán bộ also where she has her role", async () => {
    const item = (unitId: string) => ({ kind: "feedback", category: "khac", body: "Đường vào thôn bị sạt lở.", unitId });
    for (const unitId of [w.units.chiA1.id, w.units.chiA2.id, w.units.toA1a.id, w.units.xaA.id]) {
      expect((await submit(ctx, w.woman, item(unitId))).statusCode, unitId).toBe(201);
    }
    const elsewhere = await submit(ctx, w.woman, item(w.units.chiB1.id));
    expect([elsewhere.statusCode, elsewhere.json().code, elsewhere.json().field]).toEqual([403, "SUBMISSION_OUT_OF_SCOPE", "unitId"]);
    const province = await submit(ctx, w.woman, item(w.units.tinh.id));
    expect(province.json().code).toBe("SUBMISSION_OUT_OF_SCOPE");
    // A pending member (she has just picked her chi hội) may already send about her commune.
    const newcomer = await devLogin(ctx.app, "Ly Thị Mỷ");
    await setMember(newcomer, w.units.chiB1.id, "pending");
    expect((await submit(ctx, newcomer, item(w.units.xaB.id))).statusCode).toBe(201);
    expect((await submit(ctx, newcomer, item(w.units.chiA1.id))).json().code).toBe("SUBMISSION_OUT_OF_SCOPE");
    // Without a unit of her own she can send nowhere until she picks one.
    const nobody = await devLogin(ctx.app, "Chưa chọn chi hội");
    expect((await submit(ctx, nobody, item(w.units.chiA1.id))).json().code).toBe("SUBMISSION_OUT_OF_SCOPE");
    expect((await submit(ctx, nobody, { kind: "feedback", category: "khac", body: "…" })).json().code).toBe("UNIT_REQUIRED");
    // The xã B cán bộ (no unit of her own) sends about her xã; the province cán bộ anywhere.
    expect((await submit(ctx, w.staff.xaB, item(w.units.chiB1.id))).statusCode).toBe(201);
    expect((await submit(ctx, w.staff.xaB, item(w.units.chiA1.id))).json().code).toBe("SUBMISSION_OUT_OF_SCOPE");
    expect((await submit(ctx, w.staff.tinh, item(w.units.chiB1.id))).statusCode).toBe(201);
    // The batched path (no media, not a petition) and the single path refuse alike: a photo makes it single.
    const photo = await upload(ctx, w.woman.token, { bytes: png() });
    expect(photo.statusCode).toBe(201);
    const withPhoto = await submit(ctx, w.woman, { ...item(w.units.chiB1.id), mediaIds: [photo.json().id] });
    expect(withPhoto.json().code).toBe("SUBMISSION_OUT_OF_SCOPE");
  });

  it("a petition cannot be sensitive", async () => {
    const before = await countRows(ctx.deps);
    const res = await submit(ctx, w.woman, { kind: "petition", category: "gop_y_hoi", body: "Kiến nghị mở lớp học nghề.", sensitive: true });
    expect([res.statusCode, res.json().code, res.json().field]).toEqual([400, "PETITION_SENSITIVE", "sensitive"]);
    expect(res.json().message).toContain("không thể giữ kín");
    expect(await countRows(ctx.deps)).toEqual(before);
    expect((await submit(ctx, w.woman, { kind: "petition", category: "gop_y_hoi", body: "Kiến nghị mở lớp học nghề.", sensitive: false })).statusCode).toBe(201);
  });

  it("only confirmed members co-sign, once per person whatever unit she moves to", async () => {
    await ctx.deps.db.insertInto("feedback_settings").values({ key: "petition_thresholds", value: JSON.stringify({ to: 100, chi_hoi: 100, xa: 100, tinh: 1000 }) })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify({ to: 100, chi_hoi: 100, xa: 100, tinh: 1000 }) }))
      .execute();
    const { id } = await submitOk(ctx, w.woman, { kind: "petition", category: "gop_y_hoi", body: "Kiến nghị làm lại cầu treo qua suối." });
    const signer = await devLogin(ctx.app, "Thào Thị Dua");
    await setMember(signer, w.units.chiA2.id, "pending");
    const pending = await post(signer, `/api/petitions/${id}/sign`);
    expect([pending.statusCode, pending.json().code]).toEqual([403, "PETITION_MEMBERS_ONLY"]);
    expect(pending.json().message).toContain("xác nhận");
    await setMember(signer, w.units.chiA2.id, "confirmed");
    expect((await post(signer, `/api/petitions/${id}/sign`)).json().signatureCount).toBe(2);
    // She moves to another chi hội of the same commune and is confirmed there: still one signature.
    await setMember(signer, w.units.toA1a.id, "confirmed");
    const again = await post(signer, `/api/petitions/${id}/sign`);
    expect([again.statusCode, again.json().code]).toEqual([409, "PETITION_ALREADY_SIGNED"]);
    // Picking a unit elsewhere makes her pending there, and pending members do not sign.
    const hopper = await devLogin(ctx.app, "Đổi xã liên tục");
    await ctx.app.inject({ method: "PUT", url: "/api/me/unit", headers: hopper.headers, payload: { unitId: w.units.chiA1.id } });
    expect((await post(hopper, `/api/petitions/${id}/sign`)).json().code).toBe("PETITION_MEMBERS_ONLY");
    const signatures = await ctx.deps.db.selectFrom("petition_signatures").select("member_id").where("submission_id", "=", id).execute();
    expect(signatures.map((s) => s.member_id).sort()).toEqual([w.woman.memberId, signer.memberId].sort());
  });

  describe("Idempotency-Key", () => {
    const body = { kind: "feedback", category: "viec_lam", body: "Xin thông tin lớp dạy nghề may." };
    const send = (who: Login, key: string | undefined, payload: object = body) =>
      ctx.app.inject({ method: "POST", url: "/api/submissions", headers: { ...who.headers, ...(key ? { "idempotency-key": key } : {}) }, payload });
    const stored = async (authorId: string) =>
      Number((await ctx.deps.db.selectFrom("submissions").select((eb) => eb.fn.countAll<number>().as("n")).where("author_id", "=", authorId).executeTakeFirstOrThrow()).n);

    it("a retry with the same key returns the first item (200) and stores nothing more", async () => {
      const who = await devLogin(ctx.app, "Người gửi lại");
      await setMember(who, w.units.chiA1.id, "pending");
      const first = await send(who, "form-3f1c2a9e-0001");
      expect(first.statusCode).toBe(201);
      const retry = await send(who, "form-3f1c2a9e-0001");
      expect(retry.statusCode).toBe(200);
      expect(retry.json()).toEqual(first.json());
      expect(await stored(who.memberId)).toBe(1);
      // A new form, a new key: a new item. No key: always new.
      expect((await send(who, "form-3f1c2a9e-0002")).statusCode).toBe(201);
      expect((await send(who, undefined)).statusCode).toBe(201);
      expect((await send(who, undefined)).statusCode).toBe(201);
      expect(await stored(who.memberId)).toBe(4);
      // Another woman's key of the same text is hers alone.
      const other = await devLogin(ctx.app, "Người khác cùng khóa");
      await setMember(other, w.units.chiA1.id, "pending");
      const theirs = await send(other, "form-3f1c2a9e-0001");
      expect(theirs.statusCode).toBe(201);
      expect(theirs.json().id).not.toBe(first.json().id);
    });

    it("a refused request does not use up its key", async () => {
      const who = await devLogin(ctx.app, "Gửi sai rồi sửa");
      await setMember(who, w.units.chiA1.id, "pending");
      expect((await send(who, "form-refused-0001", { ...body, category: "khong_co" })).json().code).toBe("CATEGORY_NOT_FOUND");
      expect((await send(who, "form-refused-0001")).statusCode).toBe(201);
    });

    it("racing requests with one key store one item and all get its tracking code", async () => {
      for (const payload of [body, { kind: "petition", category: "gop_y_hoi", body: "Kiến nghị lắp đèn đường." }]) {
        const who = await devLogin(ctx.app, `Mạng chập chờn ${payload.kind}`);
        await setMember(who, w.units.chiA1.id, "confirmed");
        const key = `race-${payload.kind}-7d2c41`;
        const answers = await Promise.all(Array.from({ length: 12 }, () => send(who, key, payload)));
        expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
        expect(new Set(answers.map((a) => a.json().trackingCode)).size).toBe(1);
        expect(await stored(who.memberId)).toBe(1);
      }
    });

    it("refuses a malformed key by name", async () => {
      const res = await send(w.woman, "short");
      expect([res.statusCode, res.json().field]).toEqual([400, "idempotency-key"]);
    });
  });
});
