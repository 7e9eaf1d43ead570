import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/** H'Mông (RPA). NEEDS REVIEW by the union's translators: drafted words and sentences ("ntawv nug" for a khảo sát). */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

// needs-review (draft)
const hmn: Translation<typeof vi> = {
  title: "Ntawv nug",
  card: {
    title: "Ntawv nug ntawm Koom Haum",
    waiting_one: "Koj muaj {{count}} daim ntawv nug tos koj teb",
    waiting_other: "Koj muaj {{count}} daim ntawv nug tos koj teb",
    open: "Teb ntawv nug",
  },
  list: {
    label: "Ntawv nug xa tuaj rau koj",
    none: "Tam sim no tseem tsis tau muaj ntawv nug xa tuaj rau koj.",
    closes: "Hnub kawg teb: {{at}}",
    answered: "Koj twb teb lawm",
    closed: "Twb xaus lawm",
    waiting: "Tos koj teb",
  },
  answer: {
    from: "Los ntawm {{unit}}",
    anonymous: "Koj cov lus teb raug sau tseg tsis muaj koj lub npe. Txhua tus teb tau ib zaug xwb.",
    question: "Lo lus nug {{n}}",
    pickOne: "Xaiv ib qho",
    pickMany: "Xaiv ib qho los yog ntau qho",
    scaleHint: "1 yog tsis txaus siab kiag li, 5 yog txaus siab heev",
    textHint: "Tsis yuam",
    textPlaceholder: "Koj sau koj txoj kev xav ntawm no",
    send: "Xa lus teb",
    sending: "Tab tom xa…",
    sent: "Ua tsaug koj tau teb daim ntawv nug!",
    missing: "Thov koj teb lo lus nug {{n}}.",
    done: "Koj twb teb daim ntawv nug no lawm. Ua tsaug koj!",
    closed: "Daim ntawv nug no twb xaus lawm.",
    back: "Rov qab mus rau cov ntawv nug",
  },
};

export default hmn;
