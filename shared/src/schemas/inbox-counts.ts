import { Type, type Static } from "@sinclair/typebox";

/** How much work waits in a cán bộ's inbox: what "Cần xử lý" lists, and how much of it is past its deadline. */
export const InboxCounts = Type.Object({
  open: Type.Integer({ minimum: 0, description: "Items the inbox's 'open' filter lists" }),
  overdue: Type.Integer({ minimum: 0, description: "Of those, the ones past their deadline" }),
});
export type InboxCounts = Static<typeof InboxCounts>;
