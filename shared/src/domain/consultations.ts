/** Góp ý dự thảo (issue 16): the numbers the server enforces and the Mini App shows, and how a pasted draft is cut. */
export const CONSULTATION_LIMITS = {
  titleMax: 200,
  summaryMax: 5000,
  headingMax: 300,
  sectionBodyMax: 20_000,
  sectionsMax: 100,
  /** A whole pasted draft, before it is cut into sections. */
  draftTextMax: 200_000,
  /** What she writes on one section. */
  commentMax: 2000,
  synthesisMax: 10_000,
  outcomeMax: 5000,
  sentToMax: 300,
  themeMax: 60,
  themesMax: 10,
  /** Quotes per section in the report. */
  reportQuotes: 3,
} as const;

export const CONSULTATION_STATUSES = ["draft", "published", "closed"] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

/** members = women of the unit's subtree; link = anyone signed in who opens the link. */
export const CONSULTATION_PARTICIPATION = ["members", "link"] as const;
export type ConsultationParticipation = (typeof CONSULTATION_PARTICIPATION)[number];

/** đồng ý / không đồng ý / đề xuất sửa. */
export const CONSULTATION_STANCES = ["agree", "disagree", "propose"] as const;
export type ConsultationStance = (typeof CONSULTATION_STANCES)[number];

/** Where a consultation stands for a woman: drafts are never shown to her. */
export type ConsultationPhase = "draft" | "upcoming" | "open" | "closed";

export function consultationPhase(c: { status: ConsultationStatus; opensAt: string | Date; closesAt: string | Date }, now: Date): ConsultationPhase {
  if (c.status === "draft") return "draft";
  if (c.status === "closed") return "closed";
  const t = now.getTime();
  if (t < new Date(c.opensAt).getTime()) return "upcoming";
  if (t >= new Date(c.closesAt).getTime()) return "closed";
  return "open";
}

export interface DraftSection {
  heading: string;
  body: string;
}

/** A line that starts a section: "## Tiêu đề" (the marker is dropped) or "Điều 3. …" / "Điều 3: …" (kept as written). */
const MARKER = /^(?:##\s+(.+)|(Điều\s+\d+[a-zđ]?\s*[.:].*|Điều\s+\d+[a-zđ]?\s*))$/iu;

/** The heading given to text written before the first marked section (a preamble). */
export const PREAMBLE_HEADING = "Phần mở đầu";

/**
 * Cuts a pasted draft into sections at lines starting with "## " or "Điều N.". Text before the first marker becomes a
 * preamble section when it holds anything; a draft with no marker at all is one section. Blank lines at either end of a
 * body are dropped, the lines inside are kept as written.
 */
export function splitDraft(text: string): DraftSection[] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const out: Array<{ heading: string; lines: string[] }> = [];
  let current: { heading: string; lines: string[] } | null = null;
  for (const raw of lines) {
    const m = MARKER.exec(raw.trim());
    if (m) {
      current = { heading: (m[1] ?? m[2] ?? "").trim(), lines: [] };
      out.push(current);
      continue;
    }
    if (!current) {
      if (raw.trim() === "") continue;
      current = { heading: PREAMBLE_HEADING, lines: [] };
      out.push(current);
    }
    current.lines.push(raw);
  }
  return out.map((s) => ({ heading: s.heading, body: s.lines.join("\n").replace(/^(?:[ \t]*\n)+/, "").trimEnd() }));
}

/** How a section is named in lists and the report: "Điều 3. …" already carries its number, other headings get theirs. */
export function sectionTitle(position: number, heading: string): string {
  return /^Điều\s+\d/iu.test(heading) ? heading : `${position}. ${heading}`;
}
