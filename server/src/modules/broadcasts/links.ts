import { BroadcastErrorCode, BROADCAST_LINK_KINDS, foldedWords, foldVietnamese, type BroadcastLinkKind, type BroadcastLinkOption, type BroadcastLinkQuery } from "@hoiso/shared";
import { sql, type RawBuilder, type Transaction } from "kysely";
import type { Db } from "../../db/pool.js";
import type { DB } from "../../db/types.js";
import { badRequest } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { assertRoleOver, scopeOf } from "../../policy/policy.js";
import { searchPatterns } from "../content/access.js";

/** The Mini App page of an announcement (mini-app/src/app.tsx): the feed item, marked read when opened. */
export const broadcastLink = (id: string) => `/thong-bao-hoi/${id}`;

type Conn = Db | Transaction<DB>;

/** Where the sending unit sits (its chain from the province down) and what she may see as a cán bộ. */
interface Scope {
  above: string[];
  /** `LIKE ANY` patterns of her subtree(s). */
  under: string[];
}

/** Narrowing: one item by id (the check on sending), or the picker's typed words. */
interface Find {
  id?: string;
  words: string[];
  limit: number;
}

interface Found {
  id: string;
  title: string;
  at: Date;
}

/** How many the picker shows: she narrows by typing, never scrolls through everything. */
const PICKER_LIMIT = 30;
/** A petition's title in the picker: the start of its text, cut at a word. */
const EXCERPT = 90;

const excerpt = (text: string): string => {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= EXCERPT) return flat;
  const cut = flat.slice(0, EXCERPT);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), EXCERPT / 2))}…`;
};

const idIs = (f: Find) => (f.id ? sql`AND x.id = ${f.id}` : sql``);
const wordsIn = (column: RawBuilder<string>, words: string[]) => {
  const patterns = searchPatterns(words);
  return patterns.length > 0 ? sql`AND ${sql.join(patterns.map((p) => sql`${column} LIKE ${p}`), sql` AND `)}` : sql``;
};

/**
 * Published content (articles, guides): out (not a draft, its time come) and meant for the sending unit or a unit
 * above it, or published by a unit of her own subtree — what the Tìm hiểu pages let her recipients open.
 */
const content =
  (table: "articles" | "guides", title: RawBuilder<string>) =>
  async (db: Conn, s: Scope, f: Find): Promise<Found[]> => {
    const r = await sql<Found>`
      SELECT x.id, ${title} AS title, x.publish_at AS at FROM ${sql.table(table)} x JOIN units xu ON xu.id = x.unit_id
       WHERE x.status <> 'draft' AND x.publish_at <= now()
         AND (x.audience && ${sql.val(s.above)}::uuid[] OR xu.path LIKE ANY (${sql.val(s.under)}::text[]))
         ${idIs(f)} ${wordsIn(sql`x.search_text`, f.words)}
       ORDER BY x.publish_at DESC LIMIT ${f.limit}`.execute(db);
    return r.rows;
  };

/**
 * A contest or practice quiz that is out (published or finished, as members see it: contests/access.ts) and meant
 * for the sending unit or above, or run by a unit of her subtree. Contests are few and carry no folded search text,
 * so the typed words are matched on the folded titles here.
 */
async function contests(db: Conn, s: Scope, f: Find): Promise<Found[]> {
  const r = await sql<Found>`
    SELECT x.id, x.title, x.created_at AS at FROM contests x JOIN units xu ON xu.id = x.unit_id
     WHERE x.status <> 'draft' AND (x.audience && ${sql.val(s.above)}::uuid[] OR xu.path LIKE ANY (${sql.val(s.under)}::text[]))
       ${idIs(f)}
     ORDER BY x.created_at DESC LIMIT 500`.execute(db);
  return r.rows
    .filter((c) => {
      const title = foldVietnamese(c.title);
      return f.words.every((w) => title.includes(w));
    })
    .slice(0, f.limit);
}

/**
 * A petition still open for co-signing whose page anyone may read (never a sensitive item: feedback/woman.ts) and
 * that began in her subtree. Its title is the start of its text; who sent it is never part of an option.
 */
async function petitions(db: Conn, s: Scope, f: Find): Promise<Found[]> {
  const r = await sql<{ id: string; body: string; at: Date }>`
    SELECT x.id, x.body, x.created_at AS at FROM submissions x JOIN units xu ON xu.id = x.origin_unit_id
     WHERE x.kind = 'petition' AND NOT x.sensitive AND x.petition_state = 'open' AND x.petition_deadline > now()
       AND xu.path LIKE ANY (${sql.val(s.under)}::text[])
       ${idIs(f)} ${wordsIn(sql`x.search_text`, f.words)}
     ORDER BY x.created_at DESC LIMIT ${f.limit}`.execute(db);
  return r.rows.map((p) => ({ id: p.id, title: excerpt(p.body), at: p.at }));
}

/**
 * The one rule for what an announcement may link to, per kind, for the composer's picker and the check on sending
 * alike: an item that is out and that her recipients may open.
 */
const FIND: Record<BroadcastLinkKind, (db: Conn, s: Scope, f: Find) => Promise<Found[]>> = {
  // an article's title is its Vietnamese variant's (every article has one)
  article: content("articles", sql<string>`(SELECT v.title FROM article_variants v WHERE v.article_id = x.id ORDER BY v.language = 'vi' DESC, v.language LIMIT 1)`),
  guide: content("guides", sql<string>`x.title`),
  contest: contests,
  petition: petitions,
};

const REFUSED: Record<BroadcastLinkKind, string> = {
  article: "Bài viết chị gắn kèm chưa đăng hoặc chị không xem được.",
  guide: "Hướng dẫn chị gắn kèm chưa đăng hoặc chị không xem được.",
  contest: "Cuộc thi chị gắn kèm chưa công bố hoặc chị không xem được.",
  petition: "Kiến nghị chị gắn kèm đã hết hạn lấy chữ ký, không còn công khai hoặc không thuộc địa bàn của chị.",
};

async function scopeFor(db: Conn, auth: AuthContext, unitId: string): Promise<Scope> {
  const sending = await db.selectFrom("units").select("path").where("id", "=", unitId).executeTakeFirstOrThrow();
  return { above: sending.path.split("/").filter(Boolean), under: scopeOf(auth).paths.map((p) => `${p}%`) };
}

/** The link on an announcement being sent: 400 unless the picker would have offered it. */
export async function checkLink(tx: Conn, auth: AuthContext, unitId: string, link: { kind: BroadcastLinkKind; id: string }): Promise<void> {
  const found = await FIND[link.kind](tx, await scopeFor(tx, auth, unitId), { id: link.id, words: [], limit: 1 });
  if (found.length === 0) throw badRequest(REFUSED[link.kind], "link", BroadcastErrorCode.BROADCAST_LINK_INVALID);
}

/**
 * What she may attach when sending from `unitId` (her role over it is checked: 404/403), newest first, narrowed by
 * title words typed with or without diacritics.
 */
export async function linkOptions(db: Db, auth: AuthContext, query: BroadcastLinkQuery): Promise<BroadcastLinkOption[]> {
  await assertRoleOver(db, auth, query.unitId);
  const scope = await scopeFor(db, auth, query.unitId);
  const find = { words: foldedWords(query.q ?? "").slice(0, 8), limit: PICKER_LIMIT };
  const kinds = query.kind ? [query.kind] : BROADCAST_LINK_KINDS;
  const found = await Promise.all(kinds.map(async (kind) => (await FIND[kind](db, scope, find)).map((x) => ({ kind, ...x }))));
  return found
    .flat()
    .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? -1 : 1))
    .slice(0, PICKER_LIMIT)
    .map((x) => ({ kind: x.kind, id: x.id, title: x.title }));
}
