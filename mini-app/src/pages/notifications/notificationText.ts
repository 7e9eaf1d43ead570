const two = (n: number) => String(n).padStart(2, "0");

/** "14:30 ngày 29/11/2026", in the phone's own time zone, as the Hội writes a time. */
export function noticeTime(iso: string): string {
  const d = new Date(iso);
  return `${two(d.getHours())}:${two(d.getMinutes())} ngày ${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
}

/** Where tapping a notification leads: a cán bộ's own assignment, or her item in Theo dõi. */
export function noticeTarget(n: { submissionId: string; assignmentId: string | null }): string {
  return n.assignmentId ? `/can-bo/hop-viec/${n.assignmentId}` : `/phan-anh/theo-doi/${n.submissionId}`;
}
