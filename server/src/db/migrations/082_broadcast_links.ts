import type { Migration } from "../migrate.js";

/**
 * An announcement may also point at a contest (or practice quiz) and at a petition open for co-signing (issue 14).
 * link_id stays without a foreign key: it names a row of one of four tables, and the check on sending
 * (server/src/modules/broadcasts/links.ts) is what keeps it to an item the recipients may open.
 */
export const m082: Migration = {
  version: 82,
  name: "broadcast_links",
  sql: /* sql */ `
ALTER TABLE broadcasts DROP CONSTRAINT broadcasts_link_kind_check;
ALTER TABLE broadcasts ADD CONSTRAINT broadcasts_link_kind_check CHECK (link_kind IN ('article', 'guide', 'contest', 'petition'));
`,
};
