import type { Job } from "bullmq";
import { ErrorCode, languageOf, normalizeVietnamPhone } from "@hoiso/shared";
import { sql } from "kysely";
import type { AppDeps } from "../../deps.js";
import { ZaloNoAnswerError } from "../../zalo/http.js";
import { classifyZaloError, createOaClient, type OaClient } from "../../zalo/oa.js";
import { morningAfter, sendAgainAt } from "./morning.js";
import { enqueueDeliveries } from "./queue.js";
import { awaitBudget } from "./rate.js";
import { loadNotifySettings, type NotifySettings } from "./settings.js";
import { notificationText, templateData } from "./text.js";
import { countDeliveries } from "../../ops/metrics.js";
import { readPhone } from "../../privacy/phones.js";

/** `members.consents.zns === true`: she agreed to status updates by Zalo template message (ZNS/ZBS). */
export const TEMPLATE_CONSENT_KEY = "zns";

const clients = new WeakMap<AppDeps, OaClient>();
function oaClient(deps: AppDeps): OaClient {
  let c = clients.get(deps);
  if (!c) {
    c = createOaClient(deps);
    clients.set(deps, c);
  }
  return c;
}

/** last_error of a delivery whose Zalo call was interrupted by the worker's death (see sending_since). */
export const IN_DOUBT = "in doubt: the worker stopped during the Zalo call; not sent again to avoid a second copy";

/** A claim older than this cannot belong to a live call (each is bounded by the HTTP timeout): its worker died. */
export const claimStaleMs = (deps: AppDeps) => deps.config.zalo.httpTimeoutMs + 2000;

/** Thrown to make BullMQ retry the job later (rate limit, token refresh, network). */
class RetryLater extends Error {}

const errText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

/**
 * Most deliveries claimed (and sent) together: one budget take, one claim UPDATE … RETURNING and one outcome UPDATE per
 * group. The budget decides the actual size: with the rate on, a grant is at most a fifth of a second's worth (the
 * bucket), so a group is never more than the rate allows; with it off, whole groups go.
 */
export const SEND_GROUP = 50;
/**
 * Groups of one job in flight at once: the next group's budget take and claim overlap the calls of the one before,
 * so the Zalo calls do not wait on database round trips.
 */
export const GROUPS_IN_FLIGHT = 2;
/** Claimed and not yet settled by one job at any moment: a worker that dies leaves at most this many "in doubt" per job. */
export const MAX_CLAIMED_PER_JOB = SEND_GROUP * GROUPS_IN_FLIGHT;

interface Row {
  id: string;
  source_module: string;
  source_id: string;
  dedupe_key: string;
  event_id: number | null;
  link: string;
  recipient_id: string;
  channel: string;
  type: string;
  params: unknown;
  zalo_oa_user_id: string | null;
  /** Opened from phone_enc (or the unsealed phone of an older row) once read. */
  phone: string | null;
  phone_enc: string | null;
  consents: unknown;
  language: string | null;
  sending_since: Date | null;
  template_fallback: boolean;
  last_interaction_at: Date | null;
  following: boolean | null;
}

type Outcome = "sent" | "skipped" | "failed" | "fallback" | "night" | "in-doubt" | "done" | "retry";

/** A call ready to go: the row, and the Zalo request that sends it. */
interface Ready {
  row: Row;
  call: (client: OaClient) => Promise<{ messageId: string }>;
}

/**
 * Sends one outbound delivery; see sendDeliveries.
 */
export async function sendDelivery(deps: AppDeps, deliveryId: string, job?: Job): Promise<string> {
  const out = await sendDeliveries(deps, [deliveryId], job);
  return Object.keys(out)[0] ?? "done";
}

/**
 * Sends outbound deliveries, each written out in the recipient's language (Vietnamese where her language lacks the
 * message), a group at a time under the deployment's one OA budget (rate.ts, shared with the chat's replies, which go
 * first). Set-based: one read for all of them, then per group one budget take, one claim and one outcome write.
 *
 * The claim (`sending_since`, committed before the Zalo call) keeps the "in doubt" rule: a later run that finds it set
 * knows its worker died mid-call and records the delivery failed, never a second copy. A cancel and a claim of the
 * same row are serialised by its row lock: a cancel either wins (nothing is sent) or sees the claim and waits.
 *
 * Retry-able failures (-32 rate limit, -216/-220/-124 token after the client's one shared refresh, network) are thrown
 * back to BullMQ for another attempt of the job (which picks up only what is still pending); "this channel cannot
 * reach her now" (-230/-232 window, -213 not following, no OA id, outside our own window record) falls back from the
 * OA message to a template message; a template needs a phone, her consent and a configured template id, otherwise the
 * delivery is skipped (the in-app row is always there). -234 (no messages at night) keeps it pending and sends it
 * again in the morning, Vietnam time. Answers how many rows ended each way.
 */
export async function sendDeliveries(deps: AppDeps, ids: string[], job?: Job): Promise<Partial<Record<Outcome, number>>> {
  const tally: Partial<Record<Outcome, number>> = {};
  // by the row's channel (oa_cs, template); "any" for ids that were no longer pending when read
  const count = (o: Outcome, n = 1, channel = "any") => {
    if (n > 0) tally[o] = (tally[o] ?? 0) + n;
    countDeliveries(channel, o, n);
  };
  const byChannel = (o: Outcome, rows: readonly { channel: string }[]) => {
    const per = new Map<string, number>();
    for (const r of rows) per.set(r.channel, (per.get(r.channel) ?? 0) + 1);
    for (const [channel, n] of per) count(o, n, channel);
  };
  if (ids.length === 0) return tally;
  const rows = await sql<Row>`
    SELECT d.id, d.source_module, d.source_id, d.dedupe_key, d.event_id, d.link, d.recipient_id, d.channel, d.type, d.params,
           m.zalo_oa_user_id, m.phone, m.phone_enc, m.consents, m.language, d.sending_since, d.template_fallback, oi.last_interaction_at, oi.following
      FROM deliveries d JOIN members m ON m.id = d.recipient_id LEFT JOIN oa_interactions oi ON oi.oa_user_id = m.zalo_oa_user_id
     WHERE d.id = ANY (${ids}::uuid[]) AND d.status = 'pending'
     ORDER BY d.id`.execute(deps.db);
  for (const r of rows.rows) r.phone = readPhone(deps.config.phoneKeys, r.phone_enc, r.phone);
  count("done", ids.length - rows.rows.length);

  // A run before this one claimed these rows for a Zalo call and never recorded the answer. Once the claim is older than
  // any live call can take (the HTTP timeout), its worker died mid-call: Zalo may or may not have the message, and a
  // second copy is worse than a missing one (the in-app row is always there). A younger claim belongs to a call under
  // way (the same row queued twice, e.g. by the reconciler): this run leaves it and looks again later.
  const staleBefore = Date.now() - claimStaleMs(deps);
  const doubtful = rows.rows.filter((r) => r.sending_since !== null && r.sending_since.getTime() < staleBefore).map((r) => r.id);
  const busy = rows.rows.filter((r) => r.sending_since !== null && r.sending_since.getTime() >= staleBefore).length;
  if (doubtful.length > 0) {
    const r = await sql<{ channel: string }>`
      UPDATE deliveries SET status = 'failed', sending_since = NULL, last_error = ${IN_DOUBT}
       WHERE id = ANY (${doubtful}::uuid[]) AND status = 'pending' AND sending_since < ${new Date(staleBefore)}
       RETURNING channel`.execute(deps.db);
    byChannel("in-doubt", r.rows);
  }
  if (busy > 0) byChannel("retry", rows.rows.filter((r) => r.sending_since !== null && r.sending_since.getTime() >= staleBefore));
  let firstRetry: string | undefined = busy > 0 ? "a call for it is under way" : undefined;
  const fresh = rows.rows.filter((r) => r.sending_since === null);
  if (fresh.length === 0) {
    if (firstRetry !== undefined) throw new RetryLater(firstRetry);
    return tally;
  }

  const settings = await loadNotifySettings(deps.db);
  const lastAttempt = job ? job.attemptsMade + 1 >= (job.opts.attempts ?? 1) : false;
  const ready: Ready[] = [];
  for (const d of fresh) {
    const r = prepare(deps, d, settings);
    if ("call" in r) ready.push(r);
    else count(await r.settle(), 1, d.channel);
  }

  const client = oaClient(deps);
  /** One group: claim, the calls in parallel, one outcome write for what went out, Zalo's answer for the rest. */
  const sendGroup = async (group: Ready[]): Promise<void> => {
    const claimed = await sql<{ id: string }>`
      UPDATE deliveries SET sending_since = now(), attempts = attempts + 1
       WHERE id = ANY (${group.map((g) => g.row.id)}::uuid[]) AND status = 'pending' AND sending_since IS NULL
       RETURNING id`.execute(deps.db);
    const mine = new Set(claimed.rows.map((r) => r.id));
    byChannel("done", group.filter((g) => !mine.has(g.row.id)).map((g) => g.row));
    const results = await Promise.all(
      group
        .filter((g) => mine.has(g.row.id))
        .map((g) =>
          g.call(client).then(
            (ok) => ({ g, messageId: ok.messageId, err: null as unknown }),
            (err: unknown) => ({ g, messageId: null, err }),
          ),
        ),
    );
    const sent = results.filter((r) => r.messageId !== null);
    if (sent.length > 0) {
      const r = await sql<{ channel: string }>`
        UPDATE deliveries d SET status = 'sent', sent_at = now(), sending_since = NULL, provider_message_id = x.mid
          FROM unnest(${sent.map((s) => s.g.row.id)}::uuid[], ${sent.map((s) => s.messageId)}::text[]) AS x(id, mid)
         WHERE d.id = x.id AND d.status = 'pending'
        RETURNING d.channel`.execute(deps.db);
      byChannel("sent", r.rows);
    }
    for (const f of results.filter((r) => r.messageId === null)) {
      const o = await failed(deps, f.g.row, f.err, lastAttempt);
      if (o === "retry") firstRetry ??= errText(f.err);
      count(o, 1, f.g.row.channel);
    }
  };

  // Up to GROUPS_IN_FLIGHT groups at once; each waits for its budget before its claim, so the rate holds as before.
  const inFlight = new Set<Promise<void>>();
  const broken: { err: Error | null } = { err: null };
  for (let i = 0; i < ready.length && broken.err === null; ) {
    const n = await awaitBudget(deps, Math.min(SEND_GROUP, ready.length - i), "bulk");
    const group = ready.slice(i, i + n);
    i += n;
    const p: Promise<void> = sendGroup(group).then(
      () => void inFlight.delete(p),
      (err: unknown) => {
        inFlight.delete(p);
        broken.err ??= err instanceof Error ? err : new Error(errText(err));
      },
    );
    inFlight.add(p);
    if (inFlight.size >= GROUPS_IN_FLIGHT) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  // a database failure mid-way: the job is tried again (what was not claimed is still pending, a claim becomes in doubt)
  if (broken.err !== null) throw broken.err;
  if (firstRetry !== undefined) throw new RetryLater(ids.length === 1 ? firstRetry : `${tally.retry} of ${ids.length} to be tried again; first: ${firstRetry}`);
  return tally;
}

/** What to do with one pending, unclaimed row: a Zalo call to make, or an outcome without one. */
function prepare(deps: AppDeps, d: Row, settings: NotifySettings): Ready | { settle: () => Promise<Outcome> } {
  const params = (d.params ?? {}) as Record<string, unknown>;
  const text = notificationText(languageOf(d.language), d.type, params);
  if (d.channel === "oa_cs") {
    const oaId = d.zalo_oa_user_id;
    if (!oaId) return { settle: () => fallback(deps, d, "no OA user id") };
    const within = d.last_interaction_at !== null && d.following !== false && Date.now() - d.last_interaction_at.getTime() <= settings.csWindowHours * 3_600_000;
    if (!within) return { settle: () => fallback(deps, d, "outside the consultation window") };
    return { row: d, call: (c) => c.sendText(oaId, text) };
  }
  if (d.channel === "template") {
    const consents = (d.consents ?? {}) as Record<string, unknown>;
    const phone = d.phone;
    if (!phone) return { settle: () => finish(deps, d.id, "skipped", { last_error: "no phone" }) };
    if (!normalizeVietnamPhone(phone)) return { settle: () => finish(deps, d.id, "failed", { last_error: `${ErrorCode.PHONE_INVALID}: not a Vietnamese phone number` }) };
    if (consents[TEMPLATE_CONSENT_KEY] !== true) return { settle: () => finish(deps, d.id, "skipped", { last_error: "no consent to template messages" }) };
    const templateId = settings.templateId;
    if (!templateId) return { settle: () => finish(deps, d.id, "skipped", { last_error: "no template configured" }) };
    return { row: d, call: (c) => c.sendTemplate(phone, templateId, templateData(params, text), d.id) };
  }
  return { settle: () => finish(deps, d.id, "skipped", { last_error: `channel ${d.channel} is not sent by a job` }) };
}

const finish = (deps: AppDeps, id: string, status: "sent" | "skipped" | "failed", extra: { provider_message_id?: string; last_error?: string } = {}): Promise<Outcome> =>
  deps.db
    .updateTable("deliveries")
    .set({ status, sent_at: status === "sent" ? new Date() : null, sending_since: null, ...extra })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .execute()
    .then(() => status);

/** last_error of a delivery whose Zalo call went out and got no answer (a timeout): Zalo may have it. */
export const NO_ANSWER = "in doubt: Zalo gave no answer to the call; not sent again to avoid a second copy";

/** A claimed row whose Zalo call failed: Zalo's answer decides (see sendDeliveries). */
async function failed(deps: AppDeps, d: Row, err: unknown, lastAttempt: boolean): Promise<Outcome> {
  // Sent whole, unanswered: like a worker dying mid-call, a second copy is worse than a missing one (the in-app row is there).
  if (err instanceof ZaloNoAnswerError) {
    await finish(deps, d.id, "failed", { last_error: NO_ANSWER });
    return "in-doubt";
  }
  const kind = classifyZaloError(err);
  if (kind === "night") return inTheMorning(deps, d.id, err);
  if (d.channel === "oa_cs") {
    if (kind === "fallback" || ((kind === "retry" || kind === "refresh") && lastAttempt)) return fallback(deps, d, errText(err));
    if (kind === "fatal") return finish(deps, d.id, "failed", { last_error: errText(err) });
  } else if (kind === "fallback" || kind === "fatal" || lastAttempt) {
    return finish(deps, d.id, "failed", { last_error: errText(err) });
  }
  await deps.db.updateTable("deliveries").set({ last_error: errText(err), sending_since: null }).where("id", "=", d.id).execute();
  return "retry";
}

/** -234: Zalo sends nothing at night. The delivery stays pending and a delayed job tries again in the morning. */
async function inTheMorning(deps: AppDeps, id: string, err: unknown): Promise<Outcome> {
  const at = morningAfter(new Date(), Math.floor(Math.random() * 15 * 60_000));
  await deps.db
    .updateTable("deliveries")
    .set({ last_error: `${errText(err)}; sent again at ${at.toISOString()}`.slice(0, 500), sending_since: null })
    .where("id", "=", id)
    .execute();
  await sendAgainAt(deps, id, at);
  return "night";
}

/** The OA message cannot reach her: recorded with why, and a template message instead where allowed. */
async function fallback(deps: AppDeps, d: Row, why: string): Promise<Outcome> {
  const ids = await deps.db.transaction().execute(async (tx) => {
    await tx.updateTable("deliveries").set({ status: "fallback", last_error: why, sending_since: null }).where("id", "=", d.id).where("status", "=", "pending").execute();
    if (!d.phone || !d.template_fallback) return [];
    const rows = await tx
      .insertInto("deliveries")
      .values({
        source_module: d.source_module,
        source_id: d.source_id,
        dedupe_key: d.dedupe_key,
        event_id: d.event_id,
        link: d.link,
        recipient_id: d.recipient_id,
        channel: "template",
        type: d.type,
        params: JSON.stringify(d.params ?? {}),
      })
      .onConflict((oc) => oc.columns(["source_module", "source_id", "dedupe_key", "recipient_id", "channel"]).doNothing())
      .returning("id")
      .execute();
    return rows.map((r) => r.id);
  });
  await enqueueDeliveries(deps, ids);
  return "fallback";
}
