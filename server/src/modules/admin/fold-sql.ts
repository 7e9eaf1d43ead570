import { foldVietnamese } from "@hoiso/shared";
import { sql, type Expression, type RawBuilder } from "kysely";

/**
 * foldVietnamese() done by PostgreSQL, for columns that have no stored folded copy (members' names). Built from
 * foldVietnamese itself, so both sides fold the same way: every precomposed Latin letter it maps to one ASCII letter
 * is translated, combining marks (a name stored decomposed) are dropped, and only then is the text lower-cased, so the
 * result does not depend on the database's locale (lower() in the C locale leaves "Đ" alone).
 */
function buildTranslation(): { from: string; to: string } {
  let from = "";
  let to = "";
  for (const [start, end] of [
    [0x00c0, 0x024f],
    [0x1ea0, 0x1ef9],
  ] as const) {
    for (let cp = start; cp <= end; cp++) {
      const ch = String.fromCodePoint(cp);
      const folded = foldVietnamese(ch);
      if (/^[a-z]$/.test(folded) && folded !== ch) {
        from += ch;
        to += ch === ch.toUpperCase() && ch !== ch.toLowerCase() ? folded.toUpperCase() : folded;
      }
    }
  }
  // Characters past the end of `to` are deleted by translate(): the combining marks go last.
  for (let cp = 0x0300; cp <= 0x036f; cp++) from += String.fromCodePoint(cp);
  return { from, to };
}

const T = buildTranslation();

export function foldedSql(column: Expression<string> | RawBuilder<string>): RawBuilder<string> {
  return sql<string>`lower(regexp_replace(translate(${column}, ${T.from}, ${T.to}), '\\s+', ' ', 'g'))`;
}

/** A LIKE pattern for a folded query: %…% with LIKE's own characters escaped. */
export function likeFolded(q: string): string | null {
  const folded = foldVietnamese(q);
  if (!folded) return null;
  return `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
