import crypto from "node:crypto";
import {
  FeedbackErrorCode,
  FeedbackRound2ErrorCode,
  foldVietnamese,
  generateTrackingCode,
  MAX_PHOTOS,
  MAX_VOICE_NOTES,
  type CreateSubmissionBody,
  type SubmissionCreated,
  type UnitLevelName,
} from "@hoiso/shared";
import { sql, type Kysely, type Transaction } from "kysely";
import type { AppDeps } from "../../deps.js";
import type { DB } from "../../db/types.js";
import { AppError, badRequest, conflict, unitNotFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { assertOwnMedia } from "../media/service.js";
import { exchangeLocationToken } from "../../zalo/graph.js";
import { within } from "../../queue/within.js";
import { dispatch, noEffects } from "./effects.js";
import { addRouteJobs } from "./route-batch.js";
import { bothExtras, publishConsentExtra } from "./publish-consent.js";
import { loadSettings } from "./settings.js";
import type { SubmissionKind } from "./tables.js";
import { eventMsg } from "./text.js";
import { createBatcher, perInstance } from "../../util/batcher.js";

const randomInts = (n: number) => [...crypto.randomBytes(n)];
const isTrackingCodeClash = (err: unknown) =>
  (err as { code?: string; constraint?: string }).code === "23505" && (err as { constraint?: string }).constraint === "submissions_tracking_code_key";

interface Outcome {
  id: string | null;
  category: { code: string; handling_level: UnitLevelName; private: boolean } | null;
  unit: { id: string; active: boolean; in_scope: boolean } | null;
}

/**
 * Where a woman may send something (the rule both statements below enforce): about any unit inside the xã/phường of
 * the unit she picked as hers — picked is enough, confirmation can take days and a problem cannot wait — or inside
 * the subtree of a unit where she holds a role (cán bộ, admin). Nowhere else: that would let anyone flood any
 * commune's cán bộ. `t` is the unit the item is about, `$author` the member.
 */
const inScopeSql = (author: string) => sql<boolean>`(
  EXISTS (
    SELECT 1 FROM members m
      JOIN units mine ON mine.id = m.unit_id
      JOIN units c ON c.level = 'xa' AND c.id = ANY (string_to_array(trim(both '/' from mine.path), '/')::uuid[])
     WHERE m.id = ${author} AND starts_with(t.path, c.path)
  ) OR EXISTS (
    SELECT 1 FROM roles r JOIN units ru ON ru.id = r.unit_id WHERE r.member_id = ${author} AND starts_with(t.path, ru.path)
  ))`;

interface NewSubmission {
  id: string;
  trackingCode: string;
  kind: SubmissionKind;
  category: string;
  body: string;
  /** The unit named in the body; null: hers, from her profile. */
  unitId: string | null;
  authorId: string;
  anonymous: boolean;
  sensitive: boolean;
  petition: { deadline: Date; thresholds: Record<UnitLevelName, number> } | null;
  media: Array<{ id: string; kind: "image" | "audio" }>;
  now: Date;
}

/** The first timeline entry's message ("Hội đã nhận nội dung chị gửi."), written out when read. */
const RECEIVED = eventMsg.received().type;

/**
 * Checks the category and the unit and, when both are fine, writes the submission, its first timeline entry, the
 * author's own signature (petitions) and the attachment links — one statement, atomic on its own, one round trip
 * (intake is the hot path). When nothing was written, the looked-up category and unit say why.
 */
async function insertSubmission(deps: AppDeps, conn: Kysely<DB> | Transaction<DB>, s: NewSubmission): Promise<Outcome> {
  const query = sql<Outcome>`
    WITH c AS (
      SELECT code, handling_level, private FROM categories WHERE code = ${s.category} AND active
    ), u AS (
      SELECT t.id, t.active, ${inScopeSql(s.authorId)} AS in_scope
        FROM units t WHERE t.id = coalesce(${s.unitId}::uuid, (SELECT unit_id FROM members WHERE id = ${s.authorId}))
    ), ok AS (
      SELECT c.code, c.handling_level, c.private, u.id AS unit_id FROM c, u WHERE u.active AND u.in_scope AND NOT (c.private AND ${s.kind} = 'petition')
    ), s AS (
      INSERT INTO submissions (id, tracking_code, kind, category_code, body, search_text, origin_unit_id, author_id, anonymous, sensitive,
                               petition_state, petition_deadline, petition_threshold, signature_count, created_at, updated_at)
      SELECT ${s.id}, ${s.trackingCode}, ${s.kind}, ok.code, ${s.body}, ${foldVietnamese(s.body)}, ok.unit_id, ${s.authorId},
             ${s.anonymous}, ok.private OR ${s.sensitive}, ${s.petition ? "open" : null}, ${s.petition?.deadline ?? null}::timestamptz,
             (${s.petition ? JSON.stringify(s.petition.thresholds) : null}::jsonb ->> ok.handling_level)::int,
             ${s.petition ? 1 : 0}, ${s.now}, ${s.now}
        FROM ok
      RETURNING id, origin_unit_id
    ), e AS (
      INSERT INTO submission_events (submission_id, type, actor_id, unit_id, message_type, created_at)
      SELECT id, 'received', ${s.authorId}, origin_unit_id, ${RECEIVED}, ${s.now} FROM s
    ), sig AS (
      INSERT INTO petition_signatures (submission_id, member_id, signed_at)
      SELECT id, ${s.authorId}, ${s.now} FROM s WHERE ${s.petition !== null}
    ), m AS (
      INSERT INTO submission_media (submission_id, media_id, kind, sort)
      SELECT s.id, x.media_id, x.kind, x.sort - 1
        FROM s, unnest(${s.media.map((m) => m.id)}::uuid[], ${s.media.map((m) => m.kind)}::text[]) WITH ORDINALITY AS x(media_id, kind, sort)
    )
    SELECT (SELECT id FROM s) AS id, (SELECT row_to_json(c) FROM c) AS category, (SELECT row_to_json(u) FROM u) AS unit`;
  if (conn !== deps.db) return (await query.execute(conn)).rows[0] as Outcome;
  // Outside a transaction: as a named statement, parsed and planned once per connection instead of on every request.
  const compiled = query.compile(deps.db);
  const name = (statementNames[compiled.sql] ??= `fb_intake_${Object.keys(statementNames).length}`);
  const r = await deps.pool.query<Outcome>({ name, text: compiled.sql, values: [...compiled.parameters] });
  return r.rows[0] as Outcome;
}

const statementNames: Record<string, string> = {};

/**
 * The common case — no attachments, not a petition — for many submissions in one statement: the same checks as
 * insertSubmission, row by row, and one commit for the whole burst. Rows whose checks fail, or whose tracking code
 * clashes, are simply not written (ON CONFLICT DO NOTHING); their callers take the one-by-one path, which names
 * the precise error or draws a fresh code.
 */
const BATCH_INSERT_SQL = `
  WITH i AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::uuid[], $9::bool[], $10::bool[], $11::timestamptz[])
      AS t(id, tracking_code, kind, category, body, search_text, unit_id, author_id, anonymous, sensitive, now)
  ), ok AS (
    SELECT i.*, c.private, u.id AS origin
      FROM i
      JOIN categories c ON c.code = i.category AND c.active
      JOIN units u ON u.id = coalesce(i.unit_id, (SELECT m.unit_id FROM members m WHERE m.id = i.author_id)) AND u.active
     -- the same rule as inScopeSql
     WHERE EXISTS (
             SELECT 1 FROM members m
               JOIN units mine ON mine.id = m.unit_id
               JOIN units x ON x.level = 'xa' AND x.id = ANY (string_to_array(trim(both '/' from mine.path), '/')::uuid[])
              WHERE m.id = i.author_id AND starts_with(u.path, x.path))
        OR EXISTS (SELECT 1 FROM roles r JOIN units ru ON ru.id = r.unit_id WHERE r.member_id = i.author_id AND starts_with(u.path, ru.path))
  ), s AS (
    INSERT INTO submissions (id, tracking_code, kind, category_code, body, search_text, origin_unit_id, author_id, anonymous, sensitive,
                             signature_count, created_at, updated_at)
    SELECT id, tracking_code, kind, category, body, search_text, origin, author_id, anonymous, private OR sensitive, 0, now, now FROM ok
    ON CONFLICT DO NOTHING
    RETURNING id, origin_unit_id, author_id, created_at
  ), e AS (
    INSERT INTO submission_events (submission_id, type, actor_id, unit_id, message_type, created_at)
    SELECT id, 'received', author_id, origin_unit_id, '${RECEIVED}', created_at FROM s
  )
  SELECT id FROM s`;

const simpleInserts = perInstance((deps: AppDeps) =>
  createBatcher<NewSubmission, boolean>(
    async (items) => {
      const col = <T>(f: (s: NewSubmission) => T) => items.map(f);
      const r = await deps.pool.query<{ id: string }>({
        name: "fb_intake_batch",
        text: BATCH_INSERT_SQL,
        values: [
          col((s) => s.id),
          col((s) => s.trackingCode),
          col((s) => s.kind),
          col((s) => s.category),
          col((s) => s.body),
          col((s) => foldVietnamese(s.body)),
          col((s) => s.unitId),
          col((s) => s.authorId),
          col((s) => s.anonymous),
          col((s) => s.sensitive),
          col((s) => s.now),
        ],
      });
      const written = new Set(r.rows.map((row) => row.id));
      return items.map((s) => written.has(s.id));
    },
    { maxBatch: 200, maxInFlight: 4 },
  ),
);

/**
 * How long route adds wait for company; nobody waits on them, since intake answers first. On the PostgreSQL queue every
 * job costs about 4 ms of the database's time (add, claim, finish, their events) whatever it carries, so at 200
 * submissions/s one job per 2 items was a third of the database's work (issue 9); 50 ms is small beside the 1 s allowed
 * from submission to assignment. On Redis a job costs a fraction of a millisecond, but each batch is also one UPDATE
 * of queued_at, and one UPDATE per 3 items was a quarter of the database's time for intake alone: 10 ms.
 */
export const PG_ROUTE_LINGER_MS = 50;
export const REDIS_ROUTE_LINGER_MS = 10;

/**
 * Route jobs of a burst of submissions in one queue round trip, then `queued_at` for all of them in one UPDATE. If
 * the process dies before that UPDATE, the reconciler re-adds those jobs, which the job id makes harmless; the route
 * job also fills it in.
 */
const routeAdds = perInstance((deps: AppDeps) =>
  createBatcher<string, true>(
    async (ids) => {
      await within(addRouteJobs(deps, ids));
      inFlight(deps).track(sql`UPDATE submissions SET queued_at = now() WHERE id = ANY(${ids}::uuid[]) AND queued_at IS NULL`.execute(deps.db).catch(() => undefined));
      return ids.map(() => true as const);
    },
    { maxBatch: 200, maxInFlight: 4, lingerMs: deps.queues.backend === "postgres" ? PG_ROUTE_LINGER_MS : REDIS_ROUTE_LINGER_MS },
  ),
);

/** Route adds and their UPDATEs started after intake's answer, so that a closing server finishes them first. */
const inFlight = perInstance((_deps: AppDeps) => {
  const pending = new Set<Promise<unknown>>();
  return {
    track(p: Promise<unknown>) {
      pending.add(p);
      void p.finally(() => pending.delete(p));
    },
    /** Until none is left: a route add, once in, starts its queued_at UPDATE. */
    async settle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
});

/** Waits for the route adds intake started and has not seen land (the feedback routes' onClose). */
export async function settleRouteAdds(deps: AppDeps): Promise<void> {
  await inFlight(deps).settle();
}

/**
 * Her location, only when she agreed (the Mini App asked Zalo and sent the token), exchanged before anything is
 * written, as the safety module does; a token Zalo refuses stops the item with a clear message rather than sending it
 * without the place she meant to share.
 */
async function locationOf(deps: AppDeps, loc: CreateSubmissionBody["location"]): Promise<{ lat: number; lng: number } | null> {
  if (!loc) return null;
  try {
    return await exchangeLocationToken(deps.config.zalo, loc.accessToken, loc.token);
  } catch {
    throw new AppError(400, FeedbackRound2ErrorCode.LOCATION_FAILED, "Chưa lấy được vị trí từ Zalo. Chị gửi lại, có thể bỏ chọn chia sẻ vị trí.", "location");
  }
}

/** Why nothing was written, as the error she sees. */
function rejection(out: Outcome, kind: SubmissionKind, unitNamed: boolean): Error {
  const { category, unit } = out;
  if (!category) return badRequest("Lĩnh vực này không có trong danh sách, chị vui lòng chọn lại.", "category", FeedbackErrorCode.CATEGORY_NOT_FOUND);
  if (kind === "petition" && category.private) {
    return badRequest(
      "Nội dung thuộc lĩnh vực này được giữ kín nên không thể lấy chữ ký. Chị vui lòng gửi dưới dạng phản ánh hoặc tin báo.",
      "kind",
      FeedbackErrorCode.PETITION_PRIVATE_CATEGORY,
    );
  }
  if (!unit && !unitNamed) {
    return badRequest("Chị vui lòng chọn chi hội hoặc xã/phường mà nội dung này liên quan.", "unitId", FeedbackErrorCode.UNIT_REQUIRED);
  }
  if (!unit) return unitNotFound();
  if (unit.active && !unit.in_scope) {
    return new AppError(
      403,
      FeedbackErrorCode.SUBMISSION_OUT_OF_SCOPE,
      "Chị chỉ gửi được nội dung về xã/phường nơi chị sinh hoạt (chi hội chị đã chọn). Nếu việc xảy ra ở nơi khác, chị vui lòng chọn lại chi hội của mình hoặc báo cán bộ Hội ở đó.",
      "unitId",
    );
  }
  return badRequest("Đơn vị này đã được sáp nhập hoặc ngừng hoạt động, chị vui lòng chọn đơn vị mới.", "unitId", FeedbackErrorCode.UNIT_INACTIVE);
}

/**
 * What an item entered on her behalf (on-behalf.ts) writes besides the item, in the same transaction: it runs after
 * the item is stored and returns the deliveries it recorded (sent after commit).
 */
export type IntakeExtra = (tx: Transaction<DB>, submission: { id: string; trackingCode: string; now: Date }) => Promise<string[]>;

export interface IntakeResult {
  created: SubmissionCreated;
  /** True when this was a retry with an Idempotency-Key already used: the first answer, nothing new stored. */
  replayed: boolean;
}

/**
 * Claims her idempotency key for this submission, inside its transaction. A concurrent request with the same key
 * waits here on the primary key until the first one commits (then it gets the first item) or rolls back (then it
 * claims the key itself): never two items for one key.
 */
async function claimKey(tx: Transaction<DB>, memberId: string, key: string, submissionId: string): Promise<SubmissionCreated | null> {
  const claimed = await tx
    .insertInto("submission_keys")
    .values({ member_id: memberId, key, submission_id: submissionId })
    .onConflict((oc) => oc.columns(["member_id", "key"]).doNothing())
    .returning("submission_id")
    .executeTakeFirst();
  if (claimed) return null;
  const prior = await tx
    .selectFrom("submission_keys as k")
    .innerJoin("submissions as s", "s.id", "k.submission_id")
    .select(["s.id", "s.tracking_code"])
    .where("k.member_id", "=", memberId)
    .where("k.key", "=", key)
    .executeTakeFirst();
  if (!prior) throw conflict("Yêu cầu gửi trước đó của chị chưa hoàn tất, chị vui lòng thử lại sau giây lát.");
  return { id: prior.id, trackingCode: prior.tracking_code };
}

async function ownedMedia(tx: Transaction<DB>, memberId: string, mediaIds: string[]): Promise<NewSubmission["media"]> {
  // The attachments are share-locked from the ownership check to the insert.
  const media = await assertOwnMedia(tx, memberId, mediaIds);
  if (media.filter((m) => m.kind === "image").length > MAX_PHOTOS) {
    throw badRequest(`Chị chỉ gửi được tối đa ${MAX_PHOTOS} ảnh.`, "mediaIds", FeedbackErrorCode.TOO_MANY_PHOTOS);
  }
  if (media.filter((m) => m.kind === "audio").length > MAX_VOICE_NOTES) {
    throw badRequest("Chị chỉ gửi được một đoạn ghi âm.", "mediaIds", FeedbackErrorCode.TOO_MANY_VOICE_NOTES);
  }
  // PDFs are for a cán bộ's answer (proof), not for an item: she sends photos of a paper instead.
  const attachable = media.filter((m): m is NewSubmission["media"][number] => m.kind !== "document");
  if (attachable.length !== media.length) throw badRequest("Chị vui lòng gửi ảnh chụp thay cho tệp PDF.", "mediaIds", FeedbackErrorCode.TOO_MANY_PHOTOS);
  return attachable;
}

/**
 * Validates and stores the submission with its attachments and its first timeline entry atomically, then asks the
 * queue to route it. The row is safe before the queue is touched: if the queue is down she still gets her tracking
 * code, `queued_at` stays null and the reconciler adds the job later. With an idempotency key, a retry of a request
 * whose answer was lost returns the first item instead of storing a second one.
 */
export async function createSubmission(
  deps: AppDeps,
  auth: AuthContext,
  body: CreateSubmissionBody,
  idempotencyKey?: string,
  extra?: IntakeExtra,
): Promise<IntakeResult> {
  const text = body.body.trim();
  if (!text) throw badRequest("Chị vui lòng nhập nội dung cần phản ánh.", "body", FeedbackErrorCode.TEXT_EMPTY);
  if (body.kind === "petition" && body.sensitive === true) {
    // Nobody but its author could see a sensitive item, so nobody could co-sign it.
    throw badRequest(
      "Kiến nghị cần được chị em trong địa bàn xem và ký tên nên không thể giữ kín. Nếu việc này cần giữ kín, chị vui lòng gửi dưới dạng phản ánh hoặc tin báo.",
      "sensitive",
      FeedbackErrorCode.PETITION_SENSITIVE,
    );
  }
  extra = bothExtras(extra, await publishConsentExtra(deps, body));
  const now = new Date();
  const settings = body.kind === "petition" ? await loadSettings(deps.db) : null;
  const submission: NewSubmission = {
    id: crypto.randomUUID(),
    trackingCode: "",
    kind: body.kind,
    category: body.category,
    body: text,
    unitId: body.unitId ?? null,
    authorId: auth.memberId,
    anonymous: body.anonymous === true,
    sensitive: body.sensitive === true,
    petition: settings ? { deadline: new Date(now.getTime() + settings.petitionDays * 86_400_000), thresholds: settings.petitionThresholds } : null,
    media: [],
    now,
  };
  const mediaIds = body.mediaIds ?? [];
  const key = idempotencyKey ?? null;

  // Zalo's location token is single-use: a retry of a form already stored answers with the first item before trying it.
  if (key && body.location) {
    const prior = await deps.db
      .selectFrom("submission_keys as k")
      .innerJoin("submissions as s", "s.id", "k.submission_id")
      .select(["s.id", "s.tracking_code"])
      .where("k.member_id", "=", auth.memberId)
      .where("k.key", "=", key)
      .executeTakeFirst();
    if (prior) return { created: { id: prior.id, trackingCode: prior.tracking_code }, replayed: true };
  }
  const place = await locationOf(deps, body.location);
  const simple = mediaIds.length === 0 && !submission.petition && !key && !extra && !place;
  let deliveries: string[] = [];
  submission.trackingCode = generateTrackingCode(body.kind, randomInts);
  const written = simple && (await simpleInserts(deps).run({ ...submission }));
  for (let attempt = 0; !written; attempt++) {
    if (attempt > 0 || simple) submission.trackingCode = generateTrackingCode(body.kind, randomInts);
    try {
      const write = async (conn: Kysely<DB> | Transaction<DB>, media: NewSubmission["media"]) => {
        const out = await insertSubmission(deps, conn, { ...submission, media });
        if (!out.id) throw rejection(out, body.kind, body.unitId !== undefined);
      };
      if (mediaIds.length === 0 && !key && !extra && !place) {
        await write(deps.db, []);
      } else {
        const prior = await deps.db.transaction().execute(async (tx) => {
          const first = key ? await claimKey(tx, auth.memberId, key, submission.id) : null;
          if (!first) {
            await write(tx, await ownedMedia(tx, auth.memberId, mediaIds));
            if (place) await tx.insertInto("submission_locations").values({ submission_id: submission.id, lat: place.lat, lng: place.lng, at: now }).execute();
            if (extra) deliveries = await extra(tx, { id: submission.id, trackingCode: submission.trackingCode, now });
          }
          return first;
        });
        if (prior) return { created: prior, replayed: true };
      }
      break;
    } catch (err) {
      // Six random characters from 30: a clash is rare; a fresh code fixes it.
      if (attempt < 4 && isTrackingCodeClash(err)) continue;
      throw err;
    }
  }

  // Her answer does not wait for the queue: the row is committed, and a route add that never lands leaves queued_at
  // empty for the reconciler, exactly as an add that failed while she waited did. On the PostgreSQL queue the add
  // was half of intake's time (issue 9); on both it is now out of her way.
  inFlight(deps).track(queueRoute(deps, submission.id));
  if (deliveries.length > 0) await dispatch(deps, { ...noEffects(), deliveries });
  if (submission.petition) {
    await dispatch(deps, { ...noEffects(), petitionDeadlines: [{ submissionId: submission.id, at: submission.petition.deadline }] });
  }
  return { created: { id: submission.id, trackingCode: submission.trackingCode }, replayed: false };
}

/** Adds the route job and records that it is queued; a queue failure leaves `queued_at` null for the reconciler. */
export async function queueRoute(deps: AppDeps, submissionId: string): Promise<boolean> {
  try {
    await routeAdds(deps).run(submissionId);
    return true;
  } catch {
    return false;
  }
}
