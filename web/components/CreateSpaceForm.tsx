import { useState } from 'react';
import { api, unwrap } from '../api.js';
import { invalidate } from '../lib/query.js';
import { toast } from '../lib/toast.js';

/** Name + create; the creator becomes the space's owner. */
export function CreateSpaceForm({ onCreated, autoFocus }: { onCreated: (id: string) => void; autoFocus?: boolean }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const s = await unwrap(api.api.spaces.$post({ json: { name } }));
      invalidate('spaces');
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
      <input className="input" placeholder="Space name, e.g. 支付中台" value={name} onChange={(e) => setName(e.target.value)} autoFocus={autoFocus} aria-label="Space name" />
      <button className="btn btn-primary" disabled={busy || !name.trim()}>Create</button>
    </form>
  );
}
