import crypto from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { png, wav } from "../media/fixtures.js";
import { createMediaContext, upload, type MediaTestContext } from "../media/helpers.js";
import { devLogin } from "../../helpers/fixtures.js";
import { buildWorld, countRows, submit, type World } from "./world.js";

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]/i;

describe("bad input to POST /api/submissions", () => {
  let ctx: MediaTestContext;
  let w: World;
  let photos: string[];
  let voices: string[];
  let othersPhoto: string;
  let inactiveUnit: string;

  beforeAll(async () => {
    ctx = await createMediaContext();
    w = await buildWorld(ctx);
    const up = async (token: string, bytes: Buffer, filename: string) => {
      const r = await upload(ctx, token, { bytes, filename });
      if (r.statusCode !== 201) throw new Error(`upload failed ${r.statusCode} ${r.body}`);
      return r.json().id as string;
    };
    photos = [];
    for (let i = 0; i < 5; i++) photos.push(await up(w.woman.token, png(), `anh-${i}.png`));
    voices = [await up(w.woman.token, wav(), "a.wav"), await up(w.woman.token, wav(), "b.wav")];
    othersPhoto = await up(w.identified.token, png(), "cua-nguoi-khac.png");
    const dead = await ctx.deps.db
      .insertInto("units")
      .values({ id: crypto.randomUUID(), parent_id: w.units.xaA.id, level: "chi_hoi", code: "T-dead", name: "Chi hội đã sáp nhập", kind: null, path: "", merged_into: null, active: false })
      .returning("id")
      .executeTakeFirstOrThrow();
    await ctx.deps.db.updateTable("units").set({ path: `${w.units.xaA.path}${dead.id}/` }).where("id", "=", dead.id).execute();
    inactiveUnit = dead.id;
    await ctx.deps.db.updateTable("categories").set({ active: false }).where("code", "=", "khac").execute();
  });
  afterAll(() => ctx?.close());

  const ok = { kind: "feedback", category: "viec_lam", body: "Cần việc làm." };
  const cases: Array<[string, () => Record<string, unknown>, number, string]> = [
    ["unknown category", () => ({ ...ok, category: "khong_co" }), 400, "CATEGORY_NOT_FOUND"],
    ["inactive category", () => ({ ...ok, category: "khac" }), 400, "CATEGORY_NOT_FOUND"],
    ["empty text", () => ({ ...ok, body: "" }), 400, "TEXT_EMPTY"],
    ["whitespace-only text", () => ({ ...ok, body: "  \n\t  " }), 400, "TEXT_EMPTY"],
    ["text too long", () => ({ ...ok, body: "a".repeat(5001) }), 400, "VALIDATION"],
    ["unknown kind", () => ({ ...ok, kind: "complaint" }), 400, "VALIDATION"],
    ["five photos", () => ({ ...ok, mediaIds: photos }), 400, "TOO_MANY_PHOTOS"],
    ["two voice notes", () => ({ ...ok, mediaIds: voices }), 400, "TOO_MANY_VOICE_NOTES"],
    ["someone else's photo", () => ({ ...ok, mediaIds: [photos[0], othersPhoto] }), 400, "MEDIA_NOT_YOURS"],
    ["a media id that does not exist", () => ({ ...ok, mediaIds: [crypto.randomUUID()] }), 400, "MEDIA_NOT_YOURS"],
    ["unknown unit", () => ({ ...ok, unitId: crypto.randomUUID() }), 404, "UNIT_NOT_FOUND"],
    ["merged (inactive) unit", () => ({ ...ok, unitId: inactiveUnit }), 400, "UNIT_INACTIVE"],
    ["a petition in a private category", () => ({ ...ok, kind: "petition", category: "bao_luc" }), 400, "PETITION_PRIVATE_CATEGORY"],
  ];

  it.each(cases)("%s → stable code, Vietnamese message, nothing stored", async (_label, body, status, code) => {
    const before = await countRows(ctx.deps);
    const res = await submit(ctx, w.woman, body());
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe(code);
    expect(res.json().message).toMatch(VIETNAMESE);
    expect(await countRows(ctx.deps)).toEqual(before);
  });

  it("without a unit in the body or her profile → UNIT_REQUIRED, nothing stored", async () => {
    const newcomer = await devLogin(ctx.app, "Người mới chưa chọn chi hội");
    const before = await countRows(ctx.deps);
    const res = await submit(ctx, newcomer, ok);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe("UNIT_REQUIRED");
    expect(await countRows(ctx.deps)).toEqual(before);
  });

  it("without logging in → 401", async () => {
    const res = await ctx.app.inject({ method: "POST", url: "/api/submissions", payload: ok });
    expect(res.statusCode).toBe(401);
  });

  it("the limits themselves are accepted: four photos and one voice note", async () => {
    const before = await countRows(ctx.deps);
    const res = await submit(ctx, w.woman, { ...ok, mediaIds: [...photos.slice(0, 4), voices[0]] });
    expect(res.statusCode).toBe(201);
    const after = await countRows(ctx.deps);
    expect(after.submissions).toBe(before.submissions + 1);
    expect(after.media).toBe(before.media + 5);
  });

  it("random bodies never give a 5xx and never store a row unless valid (property)", async () => {
    const activeCategories = ["bao_luc", "viec_lam", "an_sinh", "y_te", "dat_dai", "vay_von", "thu_tuc", "gop_y_hoi"];
    const units = Object.values(w.units).map((u) => u.id);
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom("", "   ", "Xin hỏi về BHYT", "\u0000", "a".repeat(5001)), fc.integer());
    const mostlyValid = fc.record(
      {
        kind: fc.constantFrom("feedback", "report", "petition"),
        category: fc.constantFrom(...activeCategories),
        body: fc.oneof(fc.constantFrom("Xin hỏi về BHYT", "  Đường vào thôn bị sạt lở  ", "   "), fc.string({ minLength: 1, maxLength: 60 })),
        unitId: fc.constantFrom(...units, inactiveUnit),
        anonymous: fc.boolean(),
        mediaIds: fc.subarray([...photos, voices[0] as string]),
      },
      { requiredKeys: ["kind", "category", "body"] },
    );
    const body = fc.oneof(
      { weight: 2, arbitrary: mostlyValid },
      fc.record(
        {
          kind: fc.oneof(fc.constantFrom("feedback", "report", "petition"), fc.string(), fc.integer()),
          category: fc.oneof(fc.constantFrom(...activeCategories, "khac", "nope", ""), fc.string(), fc.constant(null)),
          body: text,
          unitId: fc.oneof(fc.constantFrom(...units, inactiveUnit), fc.uuid(), fc.string(), fc.constant(null)),
          anonymous: fc.oneof(fc.boolean(), fc.string(), fc.constant(null)),
          sensitive: fc.oneof(fc.boolean(), fc.integer()),
          mediaIds: fc.oneof(
            fc.subarray([...photos, ...voices, othersPhoto]),
            fc.array(fc.oneof(fc.uuid(), fc.string()), { maxLength: 12 }),
            fc.string(),
          ),
          extra: fc.anything(),
        },
        { requiredKeys: [] },
      ),
      fc.anything(),
    );
    let created = 0;
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const before = await countRows(ctx.deps);
        const res = await ctx.app.inject({
          method: "POST",
          url: "/api/submissions",
          headers: { ...w.woman.headers, "content-type": "application/json" },
          payload: JSON.stringify(payload ?? null),
        });
        if (res.statusCode >= 500) throw new Error(`${res.statusCode} ${res.body} for ${JSON.stringify(payload)}`);
        const after = await countRows(ctx.deps);
        if (res.statusCode !== 201) {
          expect(res.statusCode).toBeGreaterThanOrEqual(400);
          expect(after).toEqual(before);
          return;
        }
        created++;
        expect(after.submissions).toBe(before.submissions + 1);
        const s = await ctx.deps.db
          .selectFrom("submissions as s")
          .innerJoin("categories as c", "c.code", "s.category_code")
          .innerJoin("units as u", "u.id", "s.origin_unit_id")
          .select(["s.body", "s.kind", "s.sensitive", "c.active", "c.private", "u.active as unit_active"])
          .where("s.id", "=", res.json().id)
          .executeTakeFirstOrThrow();
        expect(s.body.trim().length).toBeGreaterThan(0);
        expect(s.body.length).toBeLessThanOrEqual(5000);
        expect(s.active).toBe(true);
        expect(s.unit_active).toBe(true);
        expect(["feedback", "report", "petition"]).toContain(s.kind);
        if (s.private) expect([s.sensitive, s.kind === "petition"]).toEqual([true, false]);
        const media = await ctx.deps.db.selectFrom("submission_media").select("kind").where("submission_id", "=", res.json().id).execute();
        expect(media.filter((m) => m.kind === "image").length).toBeLessThanOrEqual(4);
        expect(media.filter((m) => m.kind === "audio").length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 150 },
    );
    expect(created).toBeGreaterThan(0); // the generator does reach valid bodies
  }, 120_000);
});
