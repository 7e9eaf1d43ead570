import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthContext } from "../../../server/src/http/types.js";
import type { ServerModule } from "../../../server/src/modules/contract.js";
import { serverModules } from "../../../server/src/modules/index.js";
import { assertOwnMedia } from "../../../server/src/modules/media/service.js";
import { AppError } from "../../../server/src/http/errors.js";
import { jpeg, oggOpus } from "./fixtures.js";
import { createMediaContext, login, memberIdOf, upload, type MediaTestContext } from "./helpers.js";

let ctx: MediaTestContext;
let mai: { token: string; id: string };
let lan: { token: string; id: string };
let maiPhoto: string;
let maiVoice: string;
let lanPhoto: string;

const as = (token: string) => ({ authorization: `Bearer ${token}` });

/** A stand-in module whose read rule a test sets; with none set it admits nobody. */
let policy: ((auth: AuthContext, mediaId: string) => boolean) | null = null;
const seen: string[] = [];
const standIn: ServerModule = {
  name: "test-policy",
  media: {
    references: [],
    mayRead: async (_deps, auth, mediaId) => {
      seen.push(mediaId);
      return policy?.(auth, mediaId) ?? false;
    },
  },
};

beforeAll(async () => {
  ctx = await createMediaContext({ modules: [...serverModules, standIn] });
  const t1 = await login(ctx, "Giàng Thị Mai");
  const t2 = await login(ctx, "Sùng Thị Lan");
  mai = { token: t1, id: await memberIdOf(ctx, t1) };
  lan = { token: t2, id: await memberIdOf(ctx, t2) };
  maiPhoto = (await upload(ctx, mai.token, { bytes: jpeg() })).json<{ id: string }>().id;
  maiVoice = (await upload(ctx, mai.token, { bytes: oggOpus() })).json<{ id: string }>().id;
  lanPhoto = (await upload(ctx, lan.token, { bytes: jpeg() })).json<{ id: string }>().id;
});
afterAll(async () => ctx?.close());

async function notYours(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect(err).toMatchObject({ status: 400, code: "MEDIA_NOT_YOURS", message: "Tệp đính kèm không hợp lệ." });
}

describe("assertOwnMedia", () => {
  it("returns her own uploads with their kinds, once each, in order", async () => {
    await expect(assertOwnMedia(ctx.deps.db, mai.id, [maiVoice, maiPhoto, maiVoice])).resolves.toEqual([
      { id: maiVoice, kind: "audio" },
      { id: maiPhoto, kind: "image" },
    ]);
    await expect(assertOwnMedia(ctx.deps.db, mai.id, [])).resolves.toEqual([]);
  });

  it("someone else's id → MEDIA_NOT_YOURS, even mixed with her own", async () => {
    await notYours(assertOwnMedia(ctx.deps.db, mai.id, [lanPhoto]));
    await notYours(assertOwnMedia(ctx.deps.db, mai.id, [maiPhoto, lanPhoto]));
  });

  it("unknown or malformed ids → MEDIA_NOT_YOURS (not a database error)", async () => {
    await notYours(assertOwnMedia(ctx.deps.db, mai.id, [crypto.randomUUID()]));
    await notYours(assertOwnMedia(ctx.deps.db, mai.id, ["not-a-uuid"]));
    await notYours(assertOwnMedia(ctx.deps.db, mai.id, ["'; DROP TABLE media; --"]));
  });

  it("works inside a transaction", async () => {
    const got = await ctx.deps.db.transaction().execute((tx) => assertOwnMedia(tx, lan.id, [lanPhoto]));
    expect(got).toEqual([{ id: lanPhoto, kind: "image" }]);
  });
});

describe("GET /api/media/:id", () => {
  it("the owner gets her file", async () => {
    const res = await ctx.app.inject({ method: "GET", url: `/api/media/${maiPhoto}`, headers: as(mai.token) });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/jpeg");
  });

  it("another woman gets exactly the answer of a media id that does not exist", async () => {
    const theirs = await ctx.app.inject({ method: "GET", url: `/api/media/${maiPhoto}`, headers: as(lan.token) });
    const missing = await ctx.app.inject({ method: "GET", url: `/api/media/${crypto.randomUUID()}`, headers: as(lan.token) });
    expect(theirs.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(theirs.json())).toEqual(strip(missing.json()));
  });

  it("without a session → 401", async () => {
    const res = await ctx.app.inject({ method: "GET", url: `/api/media/${maiPhoto}` });
    expect(res.statusCode).toBe(401);
  });

  it("a module's read rule lets a non-owner in, for the media it approves only", async () => {
    policy = (auth, mediaId) => auth.memberId === lan.id && mediaId === maiVoice;
    seen.length = 0;
    try {
      const voice = await ctx.app.inject({ method: "GET", url: `/api/media/${maiVoice}`, headers: as(lan.token) });
      expect(voice.statusCode).toBe(200);
      expect(voice.headers["content-type"]).toBe("audio/ogg");
      expect(voice.headers["cache-control"]).toBe("private, max-age=86400");
      const photo = await ctx.app.inject({ method: "GET", url: `/api/media/${maiPhoto}`, headers: as(lan.token) });
      expect(photo.statusCode).toBe(404);
      // Unknown ids never reach the policy, and owners do not need it.
      await ctx.app.inject({ method: "GET", url: `/api/media/${crypto.randomUUID()}`, headers: as(lan.token) });
      await ctx.app.inject({ method: "GET", url: `/api/media/${maiPhoto}`, headers: as(mai.token) });
      expect(seen).toEqual([maiVoice, maiPhoto]);
    } finally {
      policy = null;
    }
    const after = await ctx.app.inject({ method: "GET", url: `/api/media/${maiVoice}`, headers: as(lan.token) });
    expect(after.statusCode).toBe(404);
  });
});
