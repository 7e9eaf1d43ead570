import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/** H'Mông (RPA). NEEDS REVIEW by the union's translators: short common words and the drafted consent to publish; the rest shows in Vietnamese. */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const hmn: Translation<typeof vi> = {
  title: "Tswv yim",
  send: "Xa",
  photos: { add: "Ntxiv duab" },
  // needs-review (draft): round two, an item written offline waiting to be sent
  outbox: { chip: "Tos xa", title: "Tos xa" },
  // Her consent to publishing the result stays in Vietnamese (the fallback) until the union's translators
  // have checked a H'Mông text: a consent she misreads is worse than one read out to her.
};

export default hmn;
