import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/**
 * H'Mông (RPA). NEEDS REVIEW by the union's translators: drafted words and sentences ("daim ntawv npaj" for a dự thảo,
 * "kev xav" for her opinion, "ntu" for a part). Her choice to stay anonymous (not telling the cán bộ her name) stays in
 * Vietnamese until the union's translators have checked a H'Mông text.
 */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

// needs-review (draft)
const hmn: Translation<typeof vi> = {
  title: "Qhia kev xav",
  card: {
    title: "Koom Haum tab tom nug cov poj niam txoj kev xav",
    open: "{{n}} daim ntawv npaj tos koj qhia kev xav",
    go: "Qhia kev xav",
  },
  list: {
    label: "Cov ntawv npaj",
    none: "Tam sim no tseem tsis tau muaj daim ntawv npaj twg tos koj qhia kev xav.",
    progress: "Koj twb qhia kev xav {{mine}}/{{total}} ntu",
    closesAt: "Hnub kawg: {{at}}",
    opensAt: "Pib txais kev xav: {{at}}",
  },
  phase: {
    upcoming: "Yuav qhib",
    open: "Tab tom nug kev xav",
    closed: "Twb xaus lawm",
    draft: "Tseem npaj",
  },
  // anonymous, anonymousHint stay in Vietnamese: she chooses there whether the cán bộ know her name.
  item: {
    summary: "Cov ntsiab lus",
    part: "Ntu {{n}}/{{total}}",
    question: "Koj xav li cas txog ntu no?",
    agree: "Pom zoo",
    disagree: "Tsis pom zoo",
    propose: "Thov hloov",
    textLabel: "Koj xav hloov li cas? (sau luv luv)",
    reasonLabel: "Vim li cas (yog koj xav sau)",
    save: "Xa kev xav ntu no",
    saved: "Twb sau tseg koj txoj kev xav lawm.",
    yours: "Koj twb xaiv: {{stance}}",
    change: "Koj hloov tau koj txoj kev xav txog hnub kawg.",
    previous: "Ntu dhau los",
    next: "Ntu tom ntej",
    closed: "Kev nug kev xav twb xaus lawm. Ua tsaug koj tau los saib.",
    upcoming: "Kev nug kev xav tseem tsis tau pib, koj rov los tom qab nawb.",
    outcome: "Qhov tau: cov kev xav twb muab sau ua ke xa mus rau {{sentTo}}",
    back: "Rov qab",
    sections: "Cov ntu ntawm daim ntawv npaj",
  },
};

export default hmn;
