import { LogOut } from 'lucide-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { authClient } from '../api.js';
import { invalidate } from '../lib/query.js';
import { Avatar } from './Avatar.js';
import { Popover } from './Popover.js';
import { useUser } from './RequireAuth.js';

/** Who is signed in, and the way out. */
export function UserMenu() {
  const user = useUser();
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  if (!user) return null;
  const signOut = async () => {
    await authClient.signOut();
    invalidate(''); // the next person to sign in here must not see this one's spaces
    navigate('/signin');
  };
  return (
    <div className="user-menu">
      <button className="user-btn" onClick={() => setOpen((o) => !o)} aria-label="User menu">
        <Avatar id={user.id} name={user.name} size={26} />
        <span className="user-text"><span className="user-name">{user.name}</span><span className="user-email">{user.email}</span></span>
      </button>
      {open && (
        <Popover onClose={() => setOpen(false)} className="user-popover">
          <button className="menu-item" onClick={signOut}><LogOut size={14} /> Sign out</button>
        </Popover>
      )}
    </div>
  );
}
