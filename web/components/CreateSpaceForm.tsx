import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api.js';
import { keys } from '../lib/data.js';
import { queryClient } from '../lib/queryClient.js';
import { toast } from '../lib/toast.js';

/** Name + create; the creator becomes the space's owner. */
export function CreateSpaceForm({ onCreated, autoFocus }: { onCreated: (id: string) => void; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const s = await unwrap(api.api.spaces.$post({ json: { name } }));
      await queryClient.invalidateQueries({ queryKey: keys.spaces() });
      setName('');
      onCreated(s.id);
    } catch (err) {
      toast.error(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <input className="input" placeholder={t('createSpace.placeholder')} value={name} onChange={(e) => setName(e.target.value)} autoFocus={autoFocus} aria-label={t('createSpace.label')} />
      <button className="btn btn-primary" disabled={busy || !name.trim()}>{t('common.create')}</button>
    </form>
  );
}
