import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/**
 * H'Mông (RPA). NEEDS REVIEW by the union's translators: short common words and drafted sentences for the lists and the
 * ranking rules (ties included); the attempt, result, boards and winners show in Vietnamese.
 */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const hmn: Translation<typeof vi> = {
  title: "Xeem",
  // needs-review (draft)
  tabsLabel: "Kawm xyaum los yog kev xeem",
  tabs: { contests: "Kev xeem", practice: "Kawm xyaum" },
  empty: {
    contests: "Tam sim no koj lub chaw tseem tsis tau muaj kev xeem. Thaum muaj kev xeem tshiab, Koom Haum yuav qhia koj kom koj tuaj koom.",
    practice: "Tseem tsis tau muaj cov lus nug kawm xyaum.",
  },
  phase: { upcoming: "Yuav qhib", open: "Tab tom qhib", closed: "Twb xaus lawm" },
  rule: {
    label: "Txoj kev muab qib",
    correct_time_prediction: "Teb yog ntau dua → siv sij hawm tsawg dua → twv ze dua → xa ntxov dua",
    correct_prediction_time: "Teb yog ntau dua → twv ze dua → siv sij hawm tsawg dua → xa ntxov dua",
    // needs-review (draft): equal on every criterion = the same rank and that rank's prize
    tie: "Cov neeg uas sib npaug zos txhua yam raug muab tso rau tib qib thiab sib luag tau khoom plig ntawm qib ntawd.",
  },
  contest: {
    rules: "Txoj cai",
    rounds: "Cov zaus xeem",
    roundTimes: "Txij {{from}} txog {{to}}",
    start: "Pib ua kev xeem",
    noMore: "Koj twb siv tag cov zaus xeem ntawm zaus no lawm.",
    starting: "Tab tom thauj cov lus nug…",
  },
};

export default hmn;
