import { foldedWords } from "@hoiso/shared";
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
export const SURE = 0.42;
export const SURE_MARGIN = 0.08;
export const SOMETHING = 0.18;

/**
 * The published guides closest to what she typed, best first, scored by pg_trgm's word_similarity between her folded
 * words and the guide's folded search text (title, summary, steps and FAQ questions, written by the content module).
 * Trigrams absorb missing diacritics, typos and word endings; nothing here is a hand-made stemmer.
 */
export async function closestGuides(db: Conn, text: string, limit = 3): Promise<GuideHit[]> {
  const q = foldedWords(text).join(" ");
  if (q.length < 2) return [];
  const r = await sql<GuideHit>`
    SELECT id, title, summary, steps, faq, word_similarity(${q}, search_text)::float8 AS score
      FROM guides
     WHERE status <> 'draft' AND publish_at <= now()
     ORDER BY score DESC, publish_at DESC
     LIMIT ${limit}`.execute(db);
  return r.rows;
}

/** The FAQ entry of a guide that her question matches (pg_trgm on the folded question), or null. */
export async function bestFaq(db: Conn, text: string, faq: GuideHit["faq"]): Promise<{ question: string; answer: string } | null> {
  if (faq.length === 0) return null;
  const q = foldedWords(text).join(" ");
  const folded = faq.map((f) => foldedWords(f.question).join(" "));
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
