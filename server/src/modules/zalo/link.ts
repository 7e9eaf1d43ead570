import crypto from "node:crypto";
import { sql, type Transaction } from "kysely";
import type { OaLinkCode } from "@hoiso/shared";
import type { AppDeps } from "../../deps.js";
import { audit } from "../../db/audit.js";
import type { DB } from "../../db/types.js";

export const LINK_CODE_TTL_MS = 15 * 60_000;
/** Wrong codes one OA user may send in a day before her codes are no longer looked at (guessing 10^8 codes). */
export const LINK_CODE_MAX_MISSES = 5;

export type LinkVia = "graph" | "oa_chat";

/**
 * Links `oaUserId` to the member. Only called with an id Zalo vouched for (Graph's answer for her own token, or the
 * sender of a signed webhook carrying her code), so it may move the id off another member; that move is written to
 * the audit log, never silent. Inside the caller's transaction.
 */
export async function linkOaUser(tx: Transaction<DB>, memberId: string, oaUserId: string, via: LinkVia): Promise<"unchanged" | "linked" | "moved"> {
  const holder = await tx.selectFrom("members").select("id").where("zalo_oa_user_id", "=", oaUserId).forUpdate().executeTakeFirst();
  if (holder?.id === memberId) return "unchanged";
  const me = await tx.selectFrom("members").select("zalo_oa_user_id").where("id", "=", memberId).forUpdate().executeTakeFirst();
  if (!me) return "unchanged";
  const now = new Date();
  if (holder) await tx.updateTable("members").set({ zalo_oa_user_id: null, updated_at: now }).where("id", "=", holder.id).execute();
  await tx.updateTable("members").set({ zalo_oa_user_id: oaUserId, updated_at: now }).where("id", "=", memberId).execute();
  await audit(tx, {
    actorId: memberId,
    action: holder ? "zalo.oa_link.moved" : "zalo.oa_link",
    entityType: "member",
    entityId: memberId,
    detail: { via, oaUserId, previousOaUserId: me.zalo_oa_user_id, takenFromMember: holder?.id ?? null },
  });
  return holder ? "moved" : "linked";
}

/** A fresh code for this member (replacing any earlier one), valid for 15 minutes. */
export async function createLinkCode(deps: AppDeps, memberId: string): Promise<OaLinkCode> {
  const expiresAt = new Date(Date.now() + LINK_CODE_TTL_MS);
  for (let attempt = 0; ; attempt++) {
    const code = String(crypto.randomInt(10_000_000, 100_000_000));
    try {
      await deps.db
        .insertInto("oa_link_codes")
        .values({ code, member_id: memberId, expires_at: expiresAt })
        .onConflict((oc) => oc.column("member_id").doUpdateSet({ code, expires_at: expiresAt, created_at: new Date() }))
        .execute();
      return { code, message: `HS ${code.slice(0, 4)} ${code.slice(4)}`, oaId: deps.config.zalo.oaId, expiresAt: expiresAt.toISOString() };
    } catch (err) {
      // Another member holds the same eight digits right now: draw again.
      if ((err as { code?: string }).code !== "23505" || attempt >= 5) throw err;
    }
  }
}

/** "HS 1234 5678", "hs12345678", or the eight digits alone as the whole message. */
export function extractLinkCode(text: string): string | null {
  const m = /(?:^|[^0-9a-z])hs[\s.:-]*((?:[0-9][\s.-]*){8})(?![0-9])/i.exec(text) ?? /^\s*((?:[0-9][\s.-]*){8})\s*$/.exec(text);
  if (!m) return null;
  const digits = (m[1] as string).replace(/[^0-9]/g, "");
  return digits.length === 8 ? digits : null;
}

export type ClaimOutcome = "linked" | "bad_code" | "code_limited";

/**
 * The OA user `oaUserId` sent `code` at `at` (the event's own, signed time). A live code links her OA id to the
 * member who asked for it; the code is used up. Too many wrong codes from one OA user and she is not heard for a day.
 */
export async function claimLinkCode(tx: Transaction<DB>, oaUserId: string, code: string, at: Date): Promise<ClaimOutcome> {
  const misses = await tx
    .selectFrom("oa_events")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("oa_user_id", "=", oaUserId)
    .where("outcome", "in", ["bad_code", "code_limited"])
    .where("received_at", ">", sql<Date>`now() - interval '1 day'`)
    .executeTakeFirstOrThrow();
  if (Number(misses.n) >= LINK_CODE_MAX_MISSES) return "code_limited";
  const row = await tx
    .deleteFrom("oa_link_codes")
    .where("code", "=", code)
    .where("expires_at", ">=", at)
    .returning("member_id")
    .executeTakeFirst();
  if (!row) return "bad_code";
  await linkOaUser(tx, row.member_id, oaUserId, "oa_chat");
  return "linked";
}

export async function isOaLinked(deps: AppDeps, memberId: string): Promise<boolean> {
  const m = await deps.db.selectFrom("members").select("zalo_oa_user_id").where("id", "=", memberId).executeTakeFirst();
  return Boolean(m?.zalo_oa_user_id);
}
