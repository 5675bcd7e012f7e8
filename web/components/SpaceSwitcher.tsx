import { Check, ChevronsUpDown, Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Space } from '../lib/data.js';
import { CreateSpaceForm } from './CreateSpaceForm.js';
import { Popover } from './Popover.js';

/** The current space's name; opens a menu to switch spaces or create one (the form opens in its place). */
export function SpaceSwitcher({ spaces, current }: { spaces: Space[]; current: Space | undefined }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const close = () => { setOpen(false); setCreating(false); };
  return (
    <div className="switcher">
      <button className="switcher-btn" onClick={() => setOpen((o) => !o)} aria-haspopup="menu" aria-expanded={open}>
        <span className="space-logo" aria-hidden>{current?.name.slice(0, 1).toUpperCase() ?? 'C'}</span>
        <span className="switcher-name">{current?.name ?? 'Cadence'}</span>
        <ChevronsUpDown size={14} className="muted" aria-hidden />
      </button>
      {open && !creating && (
        <Popover onClose={close} className="switcher-menu" label={t('switcher.spaces')}>
          <div className="menu-label" role="none">{t('switcher.spaces')}</div>
          {spaces.map((s) => (
            <button key={s.id} role="menuitem" className="menu-item" onClick={() => { close(); navigate(`/s/${s.id}`); }} aria-current={s.id === current?.id ? 'true' : undefined}>
              <span className="space-logo small" aria-hidden>{s.name.slice(0, 1).toUpperCase()}</span>
              <span className="grow">{s.name}</span>
              <span className="role-tag">{t(`roles.${s.role}`)}</span>
              {s.id === current?.id && <Check size={14} aria-hidden />}
            </button>
          ))}
          <div className="menu-sep" role="separator" />
          <button role="menuitem" className="menu-item" onClick={() => setCreating(true)}><Plus size={14} aria-hidden /> {t('switcher.createSpace')}</button>
        </Popover>
      )}
      {open && creating && (
        <Popover onClose={close} className="switcher-menu" role="dialog" label={t('switcher.createSpace')}>
          <div className="menu-pad"><CreateSpaceForm autoFocus onCreated={(id) => { close(); navigate(`/s/${id}`); }} /></div>
        </Popover>
      )}
    </div>
  );
}
