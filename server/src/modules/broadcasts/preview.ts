import type { BroadcastAudience, BroadcastPreview } from "@hoiso/shared";
import { sql } from "kysely";
import type { AppDeps } from "../../deps.js";
import type { AuthContext } from "../../http/types.js";
import { loadNotifySettings } from "../notify/settings.js";
import { audienceFrom, channelReasons, inAudience, resolveAudience } from "./audience.js";

/**
 * Before sending: how many the announcement reaches on each channel, and why the others will not be reached (the
 * same rules the chunks apply when they write the deliveries). Writes nothing.
 */
export async function previewAudience(deps: AppDeps, auth: AuthContext, body: BroadcastAudience): Promise<BroadcastPreview> {
  const a = await resolveAudience(deps.db, auth, body);
  const s = await loadNotifySettings(deps.db);
  const sqlAudience = { paths: a.paths, who: a.who, languages: a.languages, channels: a.channels, tags: a.tags };
  const r = await sql<{ oa_reason: string | null; zns_reason: string | null; n: number }>`
    SELECT ro.oa_reason, rz.zns_reason, count(*)::int AS n
      FROM ${audienceFrom} ${channelReasons(sqlAudience, s)}
     WHERE ${inAudience(sqlAudience)}
     GROUP BY ro.oa_reason, rz.zns_reason`.execute(deps.db);
  const out: BroadcastPreview = { total: 0, channels: { in_app: { count: 0 }, oa: { count: 0, reasons: {} }, zns: { count: 0, reasons: {} } } };
  for (const row of r.rows) {
    out.total += row.n;
    out.channels.in_app.count += row.n;
    if (row.oa_reason === null) out.channels.oa.count += row.n;
    else out.channels.oa.reasons[row.oa_reason] = (out.channels.oa.reasons[row.oa_reason] ?? 0) + row.n;
    if (row.zns_reason === null) out.channels.zns.count += row.n;
    else out.channels.zns.reasons[row.zns_reason] = (out.channels.zns.reasons[row.zns_reason] ?? 0) + row.n;
  }
  return out;
}
