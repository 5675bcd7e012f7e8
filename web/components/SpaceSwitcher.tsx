import { Check, ChevronsUpDown, Plus } from 'lucide-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Space } from '../lib/data.js';
import { CreateSpaceForm } from './CreateSpaceForm.js';
import { Popover } from './Popover.js';

/** The current space's name; opens a menu to switch spaces or create one. */
export function SpaceSwitcher({ spaces, current }: { spaces: Space[]; current: Space | undefined }) {
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const close = () => { setOpen(false); setCreating(false); };
  return (
    <div className="switcher">
      <button className="switcher-btn" onClick={() => setOpen((o) => !o)} aria-haspopup="menu" aria-expanded={open}>
        <span className="space-logo">{current?.name.slice(0, 1).toUpperCase() ?? 'C'}</span>
        <span className="switcher-name">{current?.name ?? 'Cadence'}</span>
        <ChevronsUpDown size={14} className="muted" />
      </button>
      {open && (
        <Popover onClose={close} className="switcher-menu">
          <div className="menu-label">Spaces</div>
          {spaces.map((s) => (
            <button key={s.id} className="menu-item" onClick={() => { close(); navigate(`/s/${s.id}`); }}>
              <span className="space-logo small">{s.name.slice(0, 1).toUpperCase()}</span>
              <span className="grow">{s.name}</span>
              <span className="role-tag">{s.role}</span>
              {s.id === current?.id && <Check size={14} />}
            </button>
          ))}
          <div className="menu-sep" />
          {creating ? (
            <div className="menu-pad"><CreateSpaceForm autoFocus onCreated={(id) => { close(); navigate(`/s/${id}`); }} /></div>
          ) : (
            <button className="menu-item" onClick={() => setCreating(true)}><Plus size={14} /> Create space</button>
          )}
        </Popover>
      )}
    </div>
  );
}
