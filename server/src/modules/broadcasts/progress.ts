import { BROADCAST_SKIP_REASONS, type AdminBroadcast, type AdminBroadcastList, type BroadcastChannel, type BroadcastSkipReason, type ChannelProgress, type UnitProgress } from "@hoiso/shared";
import { sql } from "kysely";
import type { Db } from "../../db/pool.js";
import type { AuthContext } from "../../http/types.js";
import { IN_DOUBT } from "../notify/send.js";
import { inStaffScope, staffBroadcast } from "./scope.js";

const KNOWN = new Set<string>(BROADCAST_SKIP_REASONS);

/** Why a delivery did not go out, from what the chunk or notify's sender recorded (codes, or Zalo's answer). */
export function reasonOf(lastError: string | null): BroadcastSkipReason {
  const e = lastError ?? "";
  if (KNOWN.has(e)) return e as BroadcastSkipReason;
  if (e === IN_DOUBT) return "in_doubt";
  if (/-23[02]\b|outside the consultation window/.test(e)) return "outside_window";
  if (/-213\b/.test(e)) return "unfollowed";
  if (e === "no OA user id") return "no_oa_id";
  if (e === "no phone") return "no_phone";
  if (e === "no consent to template messages") return "no_consent";
  if (e === "no template configured") return "no_template";
  return "zalo";
}

const emptyChannel = (): ChannelProgress => ({ queued: 0, sent: 0, failed: {} });

function add(p: ChannelProgress, status: string, lastError: string | null, n: number): void {
  if (status === "pending") p.queued += n;
  else if (status === "sent") p.sent += n;
  else {
    const r = reasonOf(lastError);
    p.failed[r] = (p.failed[r] ?? 0) + n;
  }
}

const head = (b: { id: string; title: string; unit_id: string; unit: string; status: AdminBroadcast["status"]; send_at: Date; urgent: boolean; channels: string[]; created_at: Date }) => ({
  id: b.id,
  title: b.title,
  unit: { id: b.unit_id, name: b.unit },
  status: b.status,
  sendAt: b.send_at.toISOString(),
  urgent: b.urgent,
  channels: b.channels as BroadcastChannel[],
  createdAt: b.created_at.toISOString(),
});

export async function listBroadcasts(db: Db, auth: AuthContext): Promise<AdminBroadcastList> {
  const rows = await db
    .selectFrom("broadcasts as b")
    .innerJoin("units as u", "u.id", "b.unit_id")
    .select(["b.id", "b.title", "b.unit_id", "u.name as unit", "b.status", "b.send_at", "b.urgent", "b.channels", "b.created_at"])
    .where(inStaffScope(auth))
    .orderBy("b.created_at", "desc")
    .limit(100)
    .execute();
  return { items: rows.map(head) };
}

/**
 * The announcement with its delivery per unit of the recipients: how many got it in the app and read it, and on each
 * Zalo channel how many are queued, sent, and not reached with the reason. The OA row that fell back to a template
 * message counts as not reached on the OA, with Zalo's reason.
 */
export async function broadcastDetail(db: Db, auth: AuthContext, id: string): Promise<AdminBroadcast> {
  const b = await staffBroadcast(db, auth, id);
  const unit = await db.selectFrom("units").select("name").where("id", "=", b.unit_id).executeTakeFirstOrThrow();
  const rows = await sql<{ unit_id: string; name: string; channel: string; status: string; last_error: string | null; n: number; read: number }>`
    SELECT u.id AS unit_id, u.name, d.channel, d.status, d.last_error, count(*)::int AS n, count(d.read_at)::int AS read
      FROM deliveries d JOIN members m ON m.id = d.recipient_id JOIN units u ON u.id = m.unit_id
     WHERE d.source_module = 'broadcasts' AND d.source_id = ${id} AND d.dedupe_key = 'a'
     GROUP BY u.id, u.name, d.channel, d.status, d.last_error`.execute(db);
  const units = new Map<string, UnitProgress>();
  const totals = { recipients: 0, read: 0, oa: emptyChannel(), zns: emptyChannel() };
  for (const r of rows.rows) {
    let p = units.get(r.unit_id);
    if (!p) {
      p = { unit: { id: r.unit_id, name: r.name }, recipients: 0, read: 0, oa: emptyChannel(), zns: emptyChannel() };
      units.set(r.unit_id, p);
    }
    if (r.channel === "in_app") {
      p.recipients += r.n;
      p.read += r.read;
      totals.recipients += r.n;
      totals.read += r.read;
    } else {
      const ch = r.channel === "oa_cs" ? "oa" : "zns";
      add(p[ch], r.status, r.last_error, r.n);
      add(totals[ch], r.status, r.last_error, r.n);
    }
  }
  return {
    ...head({ ...b, unit: unit.name, send_at: new Date(b.send_at), created_at: new Date(b.created_at) }),
    body: b.body,
    link: b.link_kind && b.link_id ? { kind: b.link_kind, id: b.link_id } : null,
    targetUnitIds: b.target_unit_ids,
    who: b.who,
    languages: b.languages,
    cancelledAt: b.cancelled_at?.toISOString() ?? null,
    totals,
    units: [...units.values()].sort((x, y) => x.unit.name.localeCompare(y.unit.name, "vi")),
  };
}
