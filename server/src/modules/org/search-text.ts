import { foldVietnamese } from "@hoiso/shared";

/** Segments of units.search_text are separated by this, so a match never spans two names. */
const SEP = " | ";

/** "Xã Bảo Thắng" → "bao thang": the name a woman types, without the kind word in front. */
function bareName(folded: string): string {
  return folded.replace(/^(xa|phuong|thi tran|chi hoi|to phu nu|to)\s+/, "");
}

/**
 * units.search_text: the current name first (search ranks hits on it above hits on old names), then former names and
 * any other spellings, all folded. `previous` search texts are kept whole, so no spelling they held is lost. The bare
 * name is also kept without spaces because "sapa" is how many type "Sa Pa".
 */
export function buildSearchText(name: string, others: readonly string[] = [], previous: readonly string[] = []): string {
  const folded = foldVietnamese(name);
  const segments = [folded, bareName(folded).replace(/ /g, ""), ...others.map(foldVietnamese), ...previous.flatMap((p) => p.split(SEP))];
  return [...new Set(segments.map((s) => s.trim()).filter(Boolean))].join(SEP);
}

/** A LIKE pattern for the folded query; null when nothing searchable is left. */
export function searchPattern(q: string): string | null {
  const folded = foldVietnamese(q).replace(/\|/g, " ").trim();
  if (!folded) return null;
  return `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Former names without duplicates (case- and diacritics-insensitive) and without the current name. */
export function mergeFormerNames(current: string, ...lists: ReadonlyArray<readonly string[]>): string[] {
  const seen = new Set([foldVietnamese(current)]);
  const out: string[] = [];
  for (const name of lists.flat()) {
    const key = foldVietnamese(name);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}
