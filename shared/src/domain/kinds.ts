/**
 * The one name of each kind of item, used by the server's timelines and notifications and by the Mini App alike
 * ("Tin báo BC-…" reads as a noun in a sentence, where "Tố giác / báo cáo" would not). Pure data, no schemas, so the
 * Mini App can import this file without TypeBox.
 */
export const SUBMISSION_KIND_LABEL = {
  feedback: "Phản ánh",
  report: "Tin báo",
  petition: "Kiến nghị",
} as const satisfies Record<"feedback" | "report" | "petition", string>;
