import crypto from "node:crypto";
import type { Db } from "../../db/pool.js";
import type { AuthContext } from "../../http/types.js";

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

export async function resolveSession(db: Db, token: string): Promise<AuthContext | null> {
  const session = await db
    .selectFrom("sessions")
    .select(["member_id"])
    .where("token_hash", "=", hash(token))
    .where("expires_at", ">", new Date())
    .executeTakeFirst();
  if (!session) return null;
  const roles = await db
    .selectFrom("roles")
    .innerJoin("units", "units.id", "roles.unit_id")
    .select(["roles.unit_id as unitId", "units.path as unitPath", "roles.role as role"])
    .where("roles.member_id", "=", session.member_id)
    .execute();
  return { memberId: session.member_id, roles };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", hash(token)).execute();
}
