import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/**
 * H'Mông (RPA). NEEDS REVIEW by the union's translators: drafted sentences for the test login; the demo accounts'
 * roles (`who`) stay in Vietnamese like every role and unit name.
 */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

// needs-review (draft)
const hmn: Translation<typeof vi> = {
  title: "Nkag mus sim",
  intro: "Koj tab tom qhib Hội Số sab nraum Zalo. Xaiv ib tus account piv txwv los siv sim:",
  entering: "Tab tom nkag…",
  typeName: "Los yog ntaus koj lub npe",
  namePlaceholder: "Koj lub npe",
  enter: "Nkag mus siv sim",
};

export default hmn;
