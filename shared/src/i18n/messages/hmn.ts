import type { PartialCatalogue } from "./vi.js";

/**
 * H'Mông (Hmoob, RPA spelling): a first handful of sentences, drafted for the union's translators and NOT yet
 * reviewed by them — every string here must be checked by a native speaker before it is relied on. Whatever is missing
 * is written in Vietnamese (vi.ts). Codes, unit names and the words of a reply stay as they are.
 */
export const REVIEW_STATUS = "needs-review" as const;

export const hmn: PartialCatalogue = {
  feedback: {
    author: {
      forwarded: "Peb twb xa koj {{kindNameLower}} {{code}} mus rau {{unit}} lawm.",
      followUpQuestion: "Koj qhov teeb meem puas tau daws lawm? ({{kindName}} {{code}}) Thov koj teb rov qab kom Koom Haum paub.",
      // needs-review (draft)
      onBehalfReceived: "{{unit}} tau sau tseg koj {{kindNameLower}} uas koj xa los ntawm tus neeg ua hauj lwm. Tus lej: {{code}}.",
      closed: "Ua tsaug koj tau qhia tias {{kindNameLower}} {{code}} twb daws tau lawm.",
    },
    event: {
      received: "Koom Haum twb txais tau koj cov lus lawm.",
      followUpAsked: "Koj qhov teeb meem puas tau daws lawm?",
      closed: "Tus xa tau lees paub tias qhov teeb meem twb daws tau lawm.",
    },
  },
};
