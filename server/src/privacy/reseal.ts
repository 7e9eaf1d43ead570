import { sql } from "kysely";
import type { Db } from "../db/pool.js";
import { openPhone, phoneIndex, sealPhone, type PhoneKeyring } from "./phones.js";

/** Every column pair holding a personal phone number (migration 130); contest confirmations are handled apart. */
const COLUMNS = [
  { table: "members", id: "id", plain: "phone", enc: "phone_enc", hmac: "phone_hmac" },
  { table: "submission_on_behalf", id: "submission_id", plain: "woman_phone", enc: "woman_phone_enc", hmac: "woman_phone_hmac" },
  { table: "safety_reports", id: "submission_id", plain: "callback_phone", enc: "callback_phone_enc", hmac: null },
] as const;

export interface ResealProgress {
  /** Rows sealed or re-sealed in this call, by table. */
  resealed: Record<string, number>;
}

/**
 * Brings every stored number under the current key: plaintext rows from before migration 130 are sealed (and their
 * plaintext nulled), rows sealed with an older key are opened and sealed again, with their blind index recomputed.
 * A batch at a time, each in its own short transaction with the rows locked (SKIP LOCKED: two runs share the work),
 * so it can be stopped and started again at any point and the app keeps running meanwhile.
 */
export async function resealPhones(db: Db, ring: PhoneKeyring, opts: { batch?: number; onBatch?: (table: string, n: number) => void } = {}): Promise<ResealProgress> {
  const batch = opts.batch ?? 500;
  const current = `${ring.current.id}.%`;
  const resealed: Record<string, number> = {};
  for (const c of COLUMNS) {
    for (;;) {
      const n = await db.transaction().execute(async (tx) => {
        const rows = await sql<{ id: string; plain: string | null; enc: string | null }>`
          SELECT ${sql.ref(c.id)}::text AS id, ${sql.ref(c.plain)} AS plain, ${sql.ref(c.enc)} AS enc FROM ${sql.table(c.table)}
           WHERE ${sql.ref(c.plain)} IS NOT NULL OR (${sql.ref(c.enc)} IS NOT NULL AND ${sql.ref(c.enc)} NOT LIKE ${current})
           LIMIT ${batch} FOR UPDATE SKIP LOCKED`.execute(tx);
        for (const r of rows.rows) {
          const phone = r.enc ? openPhone(ring, r.enc) : r.plain!;
          const hmac = c.hmac ? sql`, ${sql.ref(c.hmac)} = ${phoneIndex(ring, phone)}` : sql``;
          await sql`UPDATE ${sql.table(c.table)} SET ${sql.ref(c.enc)} = ${sealPhone(ring, phone)}, ${sql.ref(c.plain)} = NULL ${hmac}
                     WHERE ${sql.ref(c.id)} = ${r.id}::uuid`.execute(tx);
        }
        return rows.rows.length;
      });
      if (n === 0) break;
      resealed[c.table] = (resealed[c.table] ?? 0) + n;
      opts.onBatch?.(c.table, n);
    }
  }
  for (;;) {
    const n = await db.transaction().execute(async (tx) => {
      const rows = await sql<{ round_id: string; member_id: string; phone: string | null; sealed: string | null }>`
        SELECT round_id, member_id, confirmation ->> 'phone' AS phone, confirmation ->> 'phoneSealed' AS sealed FROM contest_winners
         WHERE confirmation ? 'phone' OR (confirmation ->> 'phoneSealed') NOT LIKE ${current}
         LIMIT ${batch} FOR UPDATE SKIP LOCKED`.execute(tx);
      for (const r of rows.rows) {
        const phone = r.sealed ? openPhone(ring, r.sealed) : r.phone!;
        await sql`UPDATE contest_winners SET confirmation = (confirmation - 'phone') || jsonb_build_object('phoneSealed', ${sealPhone(ring, phone)}::text)
                   WHERE round_id = ${r.round_id} AND member_id = ${r.member_id}`.execute(tx);
      }
      return rows.rows.length;
    });
    if (n === 0) break;
    resealed.contest_winners = (resealed.contest_winners ?? 0) + n;
    opts.onBatch?.("contest_winners", n);
  }
  return { resealed };
}

/**
 * How many stored numbers each key seals, and how many are still plaintext ("plain"): a key may leave PHONE_KEYS once
 * it counts 0 here (after `npm run rotate:phones` under a new first key).
 */
export async function phoneKeyUsage(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const add = (k: string, n: number) => (out[k] = (out[k] ?? 0) + n);
  for (const c of COLUMNS) {
    const r = await sql<{ k: string; n: string }>`
      SELECT CASE WHEN ${sql.ref(c.enc)} IS NOT NULL THEN split_part(${sql.ref(c.enc)}, '.', 1) ELSE 'plain' END AS k, count(*) AS n
        FROM ${sql.table(c.table)} WHERE ${sql.ref(c.enc)} IS NOT NULL OR ${sql.ref(c.plain)} IS NOT NULL GROUP BY 1`.execute(db);
    for (const x of r.rows) add(x.k, Number(x.n));
  }
  const w = await sql<{ k: string; n: string }>`
    SELECT CASE WHEN confirmation ? 'phoneSealed' THEN split_part(confirmation ->> 'phoneSealed', '.', 1) ELSE 'plain' END AS k, count(*) AS n
      FROM contest_winners WHERE confirmation ? 'phone' OR confirmation ? 'phoneSealed' GROUP BY 1`.execute(db);
  for (const x of w.rows) add(x.k, Number(x.n));
  return out;
}
