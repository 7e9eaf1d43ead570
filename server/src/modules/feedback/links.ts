/** The Mini App page of an item (mini-app/src/pages/feedback/index.tsx): hers, or the public page of a petition. */
export const submissionLink = (id: string) => `/phan-anh/theo-doi/${id}`;
