import { useMutation, useQuery } from '@tanstack/react-query';
import { Clock } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryClient } from '../../lib/queryClient.js';
import { toast } from '../../lib/toast.js';
import { rhythmApi, rhythmKeys, type Deadline } from '../report/rhythmApi.js';
import './deadline.css';

/**
 * The space's weekly deadline (issue 15): weekday, time and time zone by which owners update their items; at that
 * moment those who have not get a reminder. Everyone sees it; owners change it (PATCH /api/spaces/:id/rhythm).
 */
const zones = (): string[] => {
  const all = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return all.length ? all : ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'America/New_York', 'UTC'];
};

export function DeadlineSettings({ spaceId, canManage }: { spaceId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: rhythmKeys.deadline(spaceId), queryFn: () => rhythmApi.deadline(spaceId), enabled: !!spaceId });
  const [draft, setDraft] = useState<Deadline | null>(null);
  useEffect(() => { if (q.data) setDraft(q.data.deadline); }, [q.data]);
  const zoneList = useId();
  const save = useMutation({
    mutationFn: (d: Deadline) => rhythmApi.setDeadline(spaceId, d),
    onSuccess: (r) => { queryClient.setQueryData(rhythmKeys.deadline(spaceId), r); toast.info(t('deadline.saved')); },
    onError: (e) => toast.error(e),
  });
  if (!draft) return null;
  const saved = q.data?.deadline;
  const changed = !!saved && (saved.weekday !== draft.weekday || saved.time !== draft.time || saved.timeZone !== draft.timeZone);
  return (
    <section className="card deadline" aria-labelledby="deadline-title" data-testid="deadline-settings">
      <h2 id="deadline-title" className="deadline-title"><Clock size={16} aria-hidden /> {t('deadline.title')}</h2>
      <p className="muted small">{t('deadline.help')}</p>
      <form className="deadline-form" onSubmit={(e) => { e.preventDefault(); save.mutate(draft); }}>
        <label>{t('deadline.weekday')}{' '}
          <select className="select" value={draft.weekday} disabled={!canManage} onChange={(e) => setDraft({ ...draft, weekday: Number(e.target.value) })}>
            {[1, 2, 3, 4, 5, 6, 7].map((d) => <option key={d} value={d}>{t(`deadline.day.${d}`)}</option>)}
          </select>
        </label>
        <label>{t('deadline.time')}{' '}
          <input className="input" type="time" required value={draft.time} disabled={!canManage} onChange={(e) => setDraft({ ...draft, time: e.target.value })} />
        </label>
        <label>{t('deadline.timeZone')}{' '}
          <input className="input" list={zoneList} required value={draft.timeZone} disabled={!canManage} onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })} />
          <datalist id={zoneList}>{zones().map((z) => <option key={z} value={z} />)}</datalist>
        </label>
        {canManage && <button className="btn btn-primary btn-sm" disabled={!changed || save.isPending}>{t('deadline.save')}</button>}
      </form>
    </section>
  );
}
