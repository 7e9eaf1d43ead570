/** The Mini App pages of a contest (mini-app/src/pages/quiz/index.tsx), for notifications and announcements. */
export const contestLink = (contestId: string) => `/thi/cuoc-thi/${contestId}`;
export const practiceLink = (contestId: string) => `/thi/on-tap/${contestId}`;
export const roundLink = (contestId: string, roundId: string) => `${contestLink(contestId)}/dot/${roundId}`;
