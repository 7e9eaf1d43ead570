import type { ReviewStatus, Translation } from "../types.js";
import type vi from "./vi.js";

/**
 * H'Mông, in the Latin (RPA) spelling of LANGUAGE_NAME ("Lus Hmoob"). NEEDS REVIEW: short common words, and drafted
 * sentences for the shell, errors, statuses, times, the unit search and media, to be checked and completed by the
 * union's H'Mông translators; every other string shows in Vietnamese. Kinds, levels, roles and cán bộ-only notes are
 * left in Vietnamese (the server writes the same names).
 */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const hmn: Translation<typeof vi> = {
  loading: "Tos ib pliag…",
  retry: "Sim dua",
  back: "Rov qab",
  // needs-review (draft): the shell and its errors
  opening: "Tab tom qhib Hội Số…",
  goHome: "Rov qab mus Tsev",
  reload: "Thauj dua",
  nav: {
    home: "Tsev",
    learn: "Kawm",
    feedback: "Tswv yim",
    quiz: "Xeem",
    profile: "Kuv",
  },
  chunkFailed: "Tseem thauj tsis tau nplooj no, thov koj saib koj lub network ces sim dua.",
  errors: {
    timeout: "Network qeeb heev ces tseem thauj tsis tiav. Thov koj sim dua.",
    network: "Tseem txuas tsis tau rau Hội Số. Thov koj saib koj lub network (wifi los yog 4G) ces sim dua.",
    badResponse: "Qhov no tseem tsis tau npaj txhij, thov koj sim dua tom qab.",
    busy: "Lub kaw lus tsis khoom, thov koj tos ob peb feeb ces sim dua.",
    unknown: "Muaj qhov yuam kev, thov koj sim dua.",
    outboxMediaGone: "Cov duab los yog suab kaw uas koj thaij thaum tsis muaj network tsis nyob hauv koj lub xov tooj lawm. Thov koj ntxiv dua ces xa.",
  },
  // needs-review (draft): the steps of her item, as in the shared messages ("twb daws tau lawm")
  status: {
    received: "Koom Haum twb txais lawm",
    forwarded: "Twb xa mus rau lub chaw hauj lwm lawm",
    acknowledged: "Tab tom daws",
    replied: "Twb teb lawm",
    resolved: "Twb daws tau lawm",
    closed: "Twb xaus lawm",
  },
  time: {
    dateTime: "{{time}} hnub {{day}}",
    daysHours: "{{days}} hnub {{hours}} teev",
    days: "{{days}} hnub",
    hours: "{{hours}} teev",
    minutes: "{{minutes}} feeb",
  },
  timeline: {
    label: "Tej yam tau ua",
    empty: "Tseem tsis tau muaj dab tsi.",
  },
  unitFinder: {
    hint: "Ntaus tsis muaj cim los tau; lub npe xã qub ua ntej muab los ua ke los nrhiav tau.",
    searching: "Tab tom nrhiav…",
    none: "Nrhiav tsis tau “{{query}}”. Thov koj sim ntaus lwm lub npe.",
    results: "Cov chaw nrhiav tau",
    formerly: "yav tas los: {{names}}",
  },
  media: {
    photo: "Duab {{n}}",
    openPhoto: "{{alt}} (qhib duab loj)",
    loadingPhoto: "Tab tom thauj duab…",
    photoFailed: "Tseem thauj tsis tau duab",
    loadingVoice: "Tab tom thauj suab kaw…",
    authorVoice: "Suab kaw ntawm tus xa",
    readingLength: "Tab tom saib suab kaw ntev npaum li cas…",
    length: "Suab kaw ntev {{clock}}",
  },
};

export default hmn;
