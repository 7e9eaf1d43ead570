import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/**
 * H'Mông (RPA). NEEDS REVIEW by the union's translators: short common words, the rating and drafted sentences for her
 * items. Left in Vietnamese (the fallback): her consent to publishing the result, signing a petition (the button and
 * what confirms it), and the khiếu nại / tố cáo guidance (legal terms, laws and procedures).
 */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const hmn: Translation<typeof vi> = {
  // needs-review (draft)
  mine: {
    loading: "Tab tom thauj cov yam koj twb xa…",
    emptyTitle: "Koj tseem tsis tau xa tswv yim dab tsi",
    emptyText: "Thaum koj xa, Hội Số yuav qhia koj txhua kauj ruam: Koom Haum txais, xa mus rau tus neeg ua hauj lwm, teb.",
    first: "Xa thawj tswv yim",
    label: "Cov yam koj twb xa",
    sentOn: "Xa hnub {{day}} · {{unit}}",
    anonymous: "tsis qhia npe",
    signedTitle: "Twb kos npe",
    signedNote: "Cov ntawv thov ntawm lwm cov poj niam uas koj twb kos npe txhawb.",
    signedLabel: "Cov ntawv thov koj twb kos npe",
    signedOn: "Koj kos npe hnub {{day}} · {{count}} tus kos npe · {{unit}}",
  },
  lookup: {
    title: "Nrhiav raws tus lej saib xyuas",
    label: "Tus lej saib xyuas",
    placeholder: "Piv txwv: PA-7KM3QX9",
    invalid: "Tus lej no tsis raug. Tus lej zoo li PA-7KM3QX9 (ob tug ntawv ua ntej yog PA, BC los yog KN). Thov koj saib dua.",
    find: "Nrhiav",
  },
  detail: {
    proofPhoto: "Duab qhia qhov tau daws {{n}}",
    proofDocument: "Ntaub ntawv xa nrog {{n}} (PDF)",
    sentAt: "Xa thaum {{at}} · {{unit}}",
    anonymous: "tsis qhia npe",
    sensitive: "zais cia",
    replyFrom: "Koom Haum teb",
    yourContent: "Cov lus koj twb xa",
    petitionContent: "Cov lus ntawm daim ntawv thov",
    timeline: "Tej yam tau ua",
    allMine: "Saib txhua yam koj twb xa",
    allSigned: "Saib cov ntawv thov koj twb kos npe",
  },
  // progress.legal stays in Vietnamese: khiếu nại and tố cáo are legal procedures.
  progress: {
    label: "Cov kauj ruam daws",
    received: "Koom Haum twb txais lawm",
    forwardedTo: "Twb xa mus rau {{unit}} lawm",
    forwarding: "Xa mus rau tus neeg ua hauj lwm",
    acknowledged: "Neeg ua hauj lwm twb txais",
    resolved: "Twb daws tau lawm",
    reply: "Teb koj",
  },
  // sign, signed, signedToast stay in Vietnamese: her signature in support is something she agrees to.
  petition: {
    count: "{{count}} / {{threshold}} tus kos npe",
    open: "Tab tom thov kos npe txog hnub {{day}}",
    reached: "Twb txaus neeg kos npe",
    expired: "Dhau sij hawm lawm, tseem tsis txaus neeg kos npe",
  },
  // legal stays in Vietnamese: the laws, where to file and the deadlines must be read exactly as written.
  // Her consent to publishing the result stays in Vietnamese (the fallback) until the union's translators
  // have checked a H'Mông text: a consent she misreads is worse than one read out to her.
  // needs-review (draft): round two, her rating of the answer
  rating: {
    hai_long: "Txaus siab",
    binh_thuong: "Ib txwm",
    chua_hai_long: "Tsis txaus siab",
    thanks: "Ua tsaug!",
    question: "Koj xav li cas txog Koom Haum cov lus teb?",
    comment: "Koj xav hais ntxiv (tsis yuam)",
    send: "Xa kev ntsuas",
    given: "Koj twb ntsuas: {{rating}}",
  },
  // needs-review (draft): the question as in the shared messages
  followUp: {
    question: "Koj qhov teeb meem puas tau daws lawm?",
    yes: "Daws lawm",
    no: "Tseem tsis tau",
    thanks: "Ua tsaug!",
    reopened: "Koom Haum twb rov qhib qhov no lawm thiab yuav daws ntxiv rau koj.",
  },
};

export default hmn;
