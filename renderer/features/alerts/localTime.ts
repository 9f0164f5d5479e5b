/**
 * When the analyst did something (ran detection, wrote a note, escalated) is
 * shown in the computer's own time zone. Record dates stay in UTC (see
 * shared/i18n) because they are calendar dates from bank files, not moments.
 */
export function localDateTime(timestamp: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(timestamp);
}
