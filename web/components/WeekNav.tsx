import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { addWeek, currentWeek } from '../../shared/week.js';
import { canEdit, type Role } from '../api.js';
import type { ReportSummary } from '../lib/data.js';
import { toast } from '../lib/toast.js';
import { openOrCreateWeek } from '../lib/weeks.js';

/** Previous / this week / next: opens that week's report, creating it for editors when missing. */
export function WeekNav({ spaceId, week, reports, role }: { spaceId: string; week: string; reports: ReportSummary[]; role: Role }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const go = async (target: string) => {
    const found = reports.find((r) => r.week === target);
    if (found) return navigate(`/r/${found.id}`);
    if (!canEdit(role)) return toast.info(t('weekNav.missing', { week: target }));
    setBusy(true);
    try { navigate(`/r/${await openOrCreateWeek(spaceId, target)}`); } catch (e) { toast.error(e); } finally { setBusy(false); }
  };
  const thisWeek = currentWeek();
  return (
    <div className="week-nav" role="group" aria-label={t('weekNav.label')}>
      <button className="btn btn-ghost btn-sm" disabled={busy} onClick={() => go(addWeek(week, -1))} title={addWeek(week, -1)}><ChevronLeft size={15} aria-hidden /> {t('weekNav.previous')}</button>
      <button className="btn btn-ghost btn-sm" disabled={busy || week === thisWeek} onClick={() => go(thisWeek)}>{t('common.thisWeek')}</button>
      <button className="btn btn-ghost btn-sm" disabled={busy} onClick={() => go(addWeek(week, 1))} title={addWeek(week, 1)}>{t('weekNav.next')} <ChevronRight size={15} aria-hidden /></button>
    </div>
  );
}
