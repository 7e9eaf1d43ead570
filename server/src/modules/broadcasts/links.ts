/** The Mini App page of an announcement (mini-app/src/app.tsx): the feed item, marked read when opened. */
export const broadcastLink = (id: string) => `/thong-bao-hoi/${id}`;
