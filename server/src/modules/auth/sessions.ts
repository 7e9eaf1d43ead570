import crypto from "node:crypto";
import type pg from "pg";
import type { Db } from "../../db/pool.js";
import type { AuthContext } from "../../http/types.js";
import { createBatcher, perInstance } from "../../util/batcher.js";

const hash = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** Opaque random tokens; only their hash is stored, so a database dump cannot be replayed. */
export async function createSession(db: Db, memberId: string, ttlHours: number): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  await db
    .insertInto("sessions")
    .values({ token_hash: hash(token), member_id: memberId, expires_at: new Date(Date.now() + ttlHours * 3_600_000) })
    .execute();
  return token;
}

interface SessionRow {
  token_hash: string;
  member_id: string;
  roles: AuthContext["roles"];
}

/**
 * Every authenticated request needs its session and the member's roles (with their unit paths). Lookups that arrive
 * together go out as one prepared statement: one round trip for a burst of requests instead of one each.
 */
const RESOLVE_SQL = `
  SELECT s.token_hash, s.member_id,
         coalesce(json_agg(json_build_object('unitId', r.unit_id, 'unitPath', u.path, 'role', r.role)) FILTER (WHERE r.id IS NOT NULL), '[]') AS roles
    FROM sessions s
    LEFT JOIN roles r ON r.member_id = s.member_id
    LEFT JOIN units u ON u.id = r.unit_id
   WHERE s.token_hash = ANY($1::text[]) AND s.expires_at > now()
   GROUP BY s.token_hash, s.member_id`;

const sessionLookups = perInstance((pool: pg.Pool) =>
  createBatcher<string, AuthContext | null>(
    async (hashes) => {
      const r = await pool.query<SessionRow>({ name: "auth_resolve_sessions", text: RESOLVE_SQL, values: [hashes] });
      const found = new Map(r.rows.map((row) => [row.token_hash, { memberId: row.member_id, roles: row.roles }]));
      return hashes.map((h) => found.get(h) ?? null);
    },
    { maxBatch: 200, maxInFlight: 4 },
  ),
);

export function resolveSession(pool: pg.Pool, token: string): Promise<AuthContext | null> {
  return sessionLookups(pool).run(hash(token));
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", hash(token)).execute();
}
