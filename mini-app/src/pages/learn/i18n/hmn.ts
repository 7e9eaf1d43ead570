import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/** H'Mông (RPA). NEEDS REVIEW by the union's translators: short common words only; the rest shows in Vietnamese. */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const hmn: Translation<typeof vi> = {
  title: "Kawm",
  list: { more: "Saib ntxiv" },
  reader: { largeText: "Ntawv loj", studied: "Kawm tiav lawm" },
  badge: { studied: "Kawm tiav lawm" },
  check: { right: "Yog", wrong: "Tsis yog" },
};

export default hmn;
