import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/** H'Mông (RPA). NEEDS REVIEW by the union's translators: short common words only; the rest shows in Vietnamese. */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const hmn: Translation<typeof vi> = {
  lookup: { find: "Nrhiav" },
  followUp: { thanks: "Ua tsaug!" },
  // needs-review (draft): round two, her rating of the answer
  rating: { hai_long: "Txaus siab", binh_thuong: "Ib txwm", chua_hai_long: "Tsis txaus siab", thanks: "Ua tsaug!" },
};

export default hmn;
