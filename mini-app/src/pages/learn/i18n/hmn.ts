import type { ReviewStatus, Translation } from "../../../i18n/types.js";
import type vi from "./vi.js";

/**
 * H'Mông (RPA). NEEDS REVIEW by the union's translators: short common words and drafted sentences for the list, the
 * reader, its short check, the guides and what she studied ("tsab xov xwm" for an article, "kev qhia" for a guide, as
 * in broadcasts). The search examples stay in Vietnamese (the articles are), and so do official names (Nghị quyết,
 * Cổng Dịch vụ công quốc gia).
 */
export const REVIEW_STATUS: ReviewStatus = "needs-review";

const hmn: Translation<typeof vi> = {
  title: "Kawm",
  // needs-review (draft)
  tabsLabel: "Cov ntu",
  all: "Tag nrho",
  search: {
    label: "Nrhiav xov xwm",
    placeholder: "Piv txwv: nghi quyet 29",
    guidesPlaceholder: "Piv txwv: khai sinh, bảo hiểm y tế",
    hint: "Ntaus tsis muaj cim los tau.",
  },
  list: {
    label: "Cov xov xwm",
    loading: "Tab tom thauj xov xwm…",
    empty: "Ntu no tseem tsis tau muaj xov xwm.",
    noMatch: "Nrhiav tsis tau xov xwm twg nrog “{{q}}”. Koj sim ntaus lwm lo lus nawb.",
    more: "Saib ntxiv",
    hasAudio: "Muaj suab nyeem",
    sample: "Tsab piv txwv",
  },
  badge: { opened: "Twb saib", studied: "Kawm tiav lawm" },
  offline: "Tab tom saib thaum tsis muaj network. Cov lus no yog cov khaws cia hauv xov tooj zaum dhau los.",
  reader: {
    loading: "Tab tom qhib tsab xov xwm…",
    largeText: "Ntawv loj",
    languages: "Muaj ua lus",
    shownIn: "Tab tom nyeem ua {{language}}",
    listen: "Mloog nyeem",
    audioLabel: "Suab nyeem: {{title}}",
    audioLoading: "Tab tom thauj suab nyeem…",
    cover: "Duab ntawm tsab xov xwm: {{title}}",
    endMark: "Tag",
    readToEnd: "Koj twb nyeem tag tsab no lawm.",
    studied: "Kawm tiav lawm",
    studiedOn: "Koj twb kawm tsab no hnub {{date}}.",
    back: "Rov qab",
  },
  check: {
    title: "Xeem luv luv",
    lead: "Teb {{n}} lo lus nug luv luv kom sau tseg tias koj twb kawm tsab no.",
    question: "Lo lus nug {{n}}",
    submit: "Xa lus teb",
    answerAll: "Thov koj xaiv lus teb rau txhua lo lus nug.",
    right: "Yog",
    wrong: "Tsis yog",
    passed: "Koj teb yog txhua lo lus nug lawm.",
    failed: "Muaj lo lus teb tsis yog. Koj nyeem dua thiab sim dua nawb.",
    retry: "Ua dua",
    passedBefore: "Koj twb ua yog qhov xeem no lawm.",
    needReading: "Koj nyeem tag tsab xov xwm los yog mloog yuav luag tag suab nyeem kom thiaj sau tseg tias koj twb kawm.",
    sending: "Tab tom xa…",
  },
  guides: {
    loading: "Tab tom thauj kev qhia…",
    empty: "Tseem tsis tau muaj kev qhia.",
    noMatch: "Nrhiav tsis tau kev qhia twg nrog “{{q}}”.",
    checkedOn: "Saib dua hnub {{date}}",
  },
  guide: {
    loading: "Tab tom qhib kev qhia…",
    steps: "Cov kauj ruam ua",
    stepsHint: "Koj kos txhua kauj ruam koj twb ua; lub xov tooj yuav nco cia rau koj.",
    done: "Twb ua {{done}}/{{total}} kauj ruam",
    papers: "Ntaub ntawv yuav nqa",
    where: "Muab rau qhov twg",
    when: "Thaum twg, ntev npaum li cas",
    fees: "Nyiaj them",
    whoToAsk: "Nug leej twg",
    portal: "Ua hauv Cổng Dịch vụ công quốc gia",
    faq: "Cov lus nug ntau tus nug",
    source: "Qhov chaw los",
    checked: "Koom Haum twb saib nrog qhov chaw raug cai hnub {{date}}. Tej cai yuav hloov tau, koj nug ntxiv tus neeg ua hauj lwm thaum koj xav paub.",
  },
  studied: {
    title: "Cov tsab koj twb kawm",
    loading: "Tos ib pliag…",
    none: "Koj tseem tsis tau kawm tsab twg. Mus rau “Kawm” los nyeem los yog mloog nawb.",
    resolutions: "Nghị quyết: koj twb kawm {{studied}}/{{available}} tsab.",
    open: "Mus rau Kawm",
    on: "hnub {{date}}",
  },
};

export default hmn;
