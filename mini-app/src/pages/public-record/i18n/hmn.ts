import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/** H'Mông (RPA). NEEDS REVIEW by the union's translators: nothing yet; everything shows in Vietnamese. */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const hmn: Translation<typeof vi> = {
  // needs-review (draft): round two, the rating words as on her own item
  rating: { hai_long: "Txaus siab", binh_thuong: "Ib txwm", chua_hai_long: "Tsis txaus siab" },
};

export default hmn;
