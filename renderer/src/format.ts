import { format, parseISO } from 'date-fns';
import { zhCN } from 'date-fns/locale';

/** Dates in the Chinese form clerks and printed documents use: 2026年11月25日. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return format(parseISO(iso), 'yyyy年M月d日', { locale: zhCN });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return format(parseISO(iso), 'yyyy年M月d日 HH:mm:ss', { locale: zhCN });
}

export function todayIso(): string {
  return format(new Date(), 'yyyy-MM-dd');
}

/** The clock time of a timestamp, for sign-in and vote records: 09:05:12. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return format(parseISO(iso), 'HH:mm:ss', { locale: zhCN });
}
