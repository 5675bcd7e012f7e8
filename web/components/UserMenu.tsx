import { Check, Languages, LogOut } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { locales } from '../../shared/i18n.js';
import { authClient } from '../api.js';
import { useLanguage } from '../i18n/useLanguage.js';
import { queryClient } from '../lib/queryClient.js';
import { Avatar } from './Avatar.js';
import { Popover } from './Popover.js';
import { useUser } from './RequireAuth.js';

/** Who is signed in, the interface language (kept as the user's preference), and the way out. */
export function UserMenu() {
  const { t } = useTranslation();
  const { language, choose } = useLanguage();
  const user = useUser();
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  if (!user) return null;
  const signOut = async () => {
    await authClient.signOut();
    queryClient.clear(); // the next person to sign in here must not see anything of this one's
    navigate('/signin');
  };
  return (
    <div className="user-menu">
      <button className="user-btn" onClick={() => setOpen((o) => !o)} aria-haspopup="menu" aria-expanded={open}>
        <span className="sr-only">{t('userMenu.label')}</span>
        <Avatar id={user.id} name={user.name} size={26} />
        <span className="user-text"><span className="user-name">{user.name}</span><span className="user-email">{user.email}</span></span>
      </button>
      {open && (
        <Popover onClose={() => setOpen(false)} className="user-popover" label={user.name}>
          <div className="menu-label" role="none"><Languages size={13} aria-hidden /> {t('language.label')}</div>
          {locales.map((l) => (
            <button key={l} role="menuitemradio" aria-checked={language === l} lang={l} className="menu-item" data-lang={l}
              onClick={() => { setOpen(false); void choose(l); }}>
              <span className="grow">{t(`language.${l}`)}</span>
              {language === l && <Check size={14} aria-hidden />}
            </button>
          ))}
          <div className="menu-sep" role="separator" />
          <button role="menuitem" className="menu-item" onClick={signOut}><LogOut size={14} aria-hidden /> {t('userMenu.signOut')}</button>
        </Popover>
      )}
    </div>
  );
}
