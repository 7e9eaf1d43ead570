/** The Mini App page of a consultation (mini-app/src/app.tsx `/gop-y/*`). */
export const consultationLink = (id: string) => `/gop-y/${id}`;
