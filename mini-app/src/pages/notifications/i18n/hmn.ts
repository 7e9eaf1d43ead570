import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/** H'Mông (RPA). NEEDS REVIEW by the union's translators: a few short phrases and drafted sentences; the rest shows in Vietnamese. */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const hmn: Translation<typeof vi> = {
  title: "Ntawv ceeb toom",
  // needs-review (draft)
  loading: "Tab tom thauj ntawv ceeb toom…",
  empty: {
    title: "Koj tseem tsis tau muaj ntawv ceeb toom.",
    body: "Thaum koj xa tswv yim, Hội Số yuav qhia koj ntawm no txhua zaus muaj xov tshiab.",
  },
  unread: "Koj muaj {{n}} daim ntawv ceeb toom tseem tsis tau nyeem.",
  allRead: "Koj twb nyeem tag cov ntawv ceeb toom lawm.",
  listLabel: "Koj cov ntawv ceeb toom",
  unreadDot: "Tsis tau nyeem",
  more: "Saib cov ntawv ceeb toom qub ntxiv",
  card: {
    title: "Ntawv ceeb toom",
    hint: "Xov ntawm Koom Haum txog yam koj twb xa",
    hintUnread: "Koj muaj {{n}} daim ntawv ceeb toom tshiab",
    hintAllRead: "Koj twb saib tag cov ntawv ceeb toom lawm",
  },
};

export default hmn;
