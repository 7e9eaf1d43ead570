import type { Migration } from "../migrate.js";

/**
 * Kết quả xử lý (issue 13): the cán bộ may hide faces on a proof photo before it goes public. What is shown is then her
 * copy with the faces covered (a photo she uploaded), and `source_media_id` names the proof photo it stands for, so
 * the review shows which photos are chosen and which of them are covered. The original stays private to the item.
 */
export const m092: Migration = {
  version: 92,
  name: "public_media_covered",
  sql: /* sql */ `
ALTER TABLE submission_public_media ADD COLUMN source_media_id uuid;
`,
};
