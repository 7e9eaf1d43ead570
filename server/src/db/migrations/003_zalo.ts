import type { Migration } from "../migrate.js";

/** When each OA user last interacted with the OA: consultation messages are allowed only for a while after that. */
export const m003: Migration = {
  version: 3,
  name: "zalo",
  sql: /* sql */ `
CREATE TABLE oa_interactions (
  -- the OA-scoped user id (webhook sender.id / getUserInfo().idByOA), kept as text: it exceeds 2^53
  oa_user_id text PRIMARY KEY,
  last_interaction_at timestamptz,
  -- null until a follow/unfollow event tells us
  following boolean
);
`,
};
