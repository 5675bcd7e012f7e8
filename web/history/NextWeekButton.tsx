import { CalendarPlus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../api.js';
import { fetchReports, keys } from '../lib/data.js';
import { queryClient } from '../lib/queryClient.js';
import { toast } from '../lib/toast.js';
import { addWeek } from '../../shared/week.js';
import { historyApi } from './api.js';

/**
 * "Start next week": creates next ISO week's report carried forward from this one (OKR items, KPI metrics,
 * projects; last week's plan as a checklist) and opens it. Hidden when next week already has a report.
 */
export function NextWeekButton({ reportId, spaceId, week, nextExists }: { reportId: string; spaceId: string; week: string; nextExists: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  if (nextExists) return null;
  const start = async () => {
    setBusy(true);
    try {
      const r = await historyApi.next(reportId);
      void queryClient.invalidateQueries({ queryKey: keys.reports(spaceId) });
      toast.info(t('nextWeek.started', { week: r.week, from: week }));
      navigate(`/r/${r.id}`);
    } catch (e) {
      // Someone started next week while this page was open: open theirs instead of an error.
      if (e instanceof ApiError && e.code === 'week_exists') {
        const next = addWeek(week, 1);
        const found = (await queryClient.fetchQuery({ queryKey: keys.reports(spaceId), queryFn: () => fetchReports(spaceId), staleTime: 0 }).catch(() => [])).find((r) => r.week === next);
        if (found) {
          toast.info(t('nextWeek.alreadyStarted', { week: next }));
          navigate(`/r/${found.id}`);
          return;
        }
      }
      toast.error(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button className="btn btn-sm next-week-btn" disabled={busy} onClick={start} title={t('nextWeek.hint', { week: addWeek(week, 1) })}>
      <CalendarPlus size={14} aria-hidden /> {busy ? t('nextWeek.starting') : t('nextWeek.start')}
    </button>
  );
}
