/** 'YYYY-MM' of a moment in the office's local time, the month clerks date their changes by. */
export function currentMonth(now: Date): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

/** 'YYYY-MM-DD' of a moment in the office's local time: the day a file is dated by. */
export function currentDate(now: Date): string {
  return `${currentMonth(now)}-${String(now.getDate()).padStart(2, '0')}`;
}
