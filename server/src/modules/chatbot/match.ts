import { CHAT_GENERIC_WORDS, CHAT_TOPIC_HINTS, chatWords } from "@hoiso/shared";
import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../../db/types.js";

type Conn = Kysely<DB> | Transaction<DB>;

export interface GuideHit {
  id: string;
  title: string;
  summary: string;
  steps: Array<{ title: string; detail?: string }>;
  faq: Array<{ question: string; answer: string }>;
  score: number;
}

/** Above this (and clearly ahead of the next guide) the bot answers; between the two it offers the three closest. */
export const SURE = 0.3;
export const SURE_MARGIN = 0.06;
export const SOMETHING = 0.12;
/** A word or pair of words counts as found in a guide from this pg_trgm word similarity (typos, missing letters). */
const FOUND = 0.6;

/** How much a unit made only of asking and courtesy words (CHAT_GENERIC_WORDS) counts against one that names a topic. */
const GENERIC = 0.1;
/** A pair of words says more than either word: "khai sinh", "bao hiem", "vay von". */
const PAIR = 1.5;
/**
 * The guide's own name for a topic she named in other words ("tai khoan" → "dinh danh dien tu") is the topic itself:
 * it outweighs a pair that another guide merely mentions ("tai khoan vneid" in the birth-registration FAQ).
 */
const HINT = 2;

export interface QueryUnit {
  text: string;
  /** Before the rarity weighting: generic units count little, pairs and topic hints more than one word. */
  prior: number;
  /** Only asking and courtesy words: "lam the", "cho hoi", "dang ky". */
  generic: boolean;
}

/**
 * Her words (folded, chat short forms such as "ko", "dc", "bhyt" spelled out), each pair of neighbouring words:
 * "khai sinh", "bao hiem", "vay von" carry the meaning; and the guides' own words for a topic she names otherwise
 * (CHAT_TOPIC_HINTS: "tai khoan" is the VNeID guide's "dinh danh dien tu").
 */
export function queryUnits(text: string): QueryUnit[] {
  const words = chatWords(text).filter((w) => w.length >= 2 || /[0-9]/.test(w)).slice(0, 40);
  const pairs = words.slice(1).map((w, i) => `${words[i] as string} ${w}`);
  const seen = new Set<string>();
  const units: QueryUnit[] = [];
  const add = (t: string, hint: boolean) => {
    if (seen.has(t)) return;
    seen.add(t);
    const generic = !hint && t.split(" ").every((w) => CHAT_GENERIC_WORDS.has(w));
    units.push({ text: t, generic, prior: (hint ? HINT : t.includes(" ") ? PAIR : 1) * (generic ? GENERIC : 1) });
  };
  for (const t of [...words, ...pairs]) add(t, false);
  const padded = ` ${words.join(" ")} `;
  for (const [phrase, hints] of Object.entries(CHAT_TOPIC_HINTS)) {
    if (padded.includes(` ${phrase} `)) for (const h of hints) add(h, true);
  }
  return units;
}

/**
 * Her message has words but names nothing a guide could be about ("lam the nao", "cho hoi", "giup em voi", "thu tuc
 * gi"): whichever guide such words happen to match, answering with it would be a confident guess. She is asked what
 * it is about instead. A message with no words at all is not this (nothing to ask back about).
 */
export function isVague(text: string): boolean {
  const units = queryUnits(text);
  return units.length > 0 && units.every((u) => u.generic);
}

/**
 * The published guides closest to what she typed, best first. PostgreSQL's pg_trgm gives, for each of her words and
 * word pairs, its word_similarity to each guide's folded search text (title, summary, steps and FAQ questions, written
 * by the content module): trigrams absorb missing diacritics, typos and run-on words, so nothing here is a hand-made
 * stemmer. A word found in every guide says little, one found in a single guide a lot (weighted by how few guides
 * hold it); asking and courtesy words ("lam", "the nao", "dang ky") count a tenth, whatever their spread, so they do
 * not outvote the topic; a word found in none still counts in the total, so chatter about the weather scores low.
 */
export async function closestGuides(db: Conn, text: string, limit = 3): Promise<GuideHit[]> {
  const units = queryUnits(text);
  if (units.length === 0) return [];
  const r = await sql<{ id: string; sims: number[] }>`
    SELECT g.id, array_agg(word_similarity(u.t, g.search_text)::float8 ORDER BY u.i) AS sims
      FROM guides g, unnest(${units.map((u) => u.text)}::text[]) WITH ORDINALITY AS u(t, i)
     WHERE g.status <> 'draft' AND g.publish_at <= now()
     GROUP BY g.id`.execute(db);
  const n = r.rows.length;
  if (n === 0) return [];
  const weights = units.map((_, i) => {
    const df = r.rows.filter((g) => (g.sims[i] ?? 0) >= FOUND).length;
    return Math.log(1 + n / (df === 0 ? 0.5 : df)) * (units[i]?.prior ?? 1);
  });
  const total = weights.reduce((a, b) => a + b, 0);
  const scored = r.rows
    .map((g) => ({ id: g.id, score: g.sims.reduce((acc, sim, i) => acc + (sim >= FOUND ? sim * (weights[i] ?? 0) : 0), 0) / total }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
  if (scored.length === 0) return [];
  const rows = await db.selectFrom("guides").select(["id", "title", "summary", "steps", "faq"]).where("id", "in", scored.map((s) => s.id)).execute();
  return scored.flatMap((s) => {
    const g = rows.find((x) => x.id === s.id);
    return g ? [{ ...g, steps: g.steps, faq: g.faq, score: s.score }] : [];
  });
}

/** The FAQ entry of a guide that her question matches (pg_trgm on the folded question), or null. */
export async function bestFaq(db: Conn, text: string, faq: GuideHit["faq"]): Promise<{ question: string; answer: string } | null> {
  if (faq.length === 0) return null;
  const q = chatWords(text).join(" ");
  const folded = faq.map((f) => chatWords(f.question).join(" "));
  const r = await sql<{ i: number; score: number }>`
    SELECT (x.i - 1)::int AS i, similarity(${q}, x.question)::float8 AS score
      FROM unnest(${folded}::text[]) WITH ORDINALITY AS x(question, i)
     ORDER BY score DESC LIMIT 1`.execute(db);
  const top = r.rows[0];
  return top && top.score >= 0.35 ? (faq[top.i] ?? null) : null;
}

export type Verdict = { kind: "answer"; guide: GuideHit } | { kind: "unsure"; guides: GuideHit[] } | { kind: "none" };

/** Answers only when one guide clearly fits; never makes up an answer from a weak match. */
export function judge(hits: GuideHit[]): Verdict {
  const [a, b] = hits;
  if (!a || a.score < SOMETHING) return { kind: "none" };
  if (a.score >= SURE && (!b || a.score - b.score >= SURE_MARGIN)) return { kind: "answer", guide: a };
  return { kind: "unsure", guides: hits.filter((h) => h.score >= SOMETHING / 2) };
}
