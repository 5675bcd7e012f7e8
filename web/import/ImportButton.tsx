import { Upload } from 'lucide-react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canEdit } from '../api.js';
import type { Space } from '../lib/data.js';

// The dialog (and the block registry it names item kinds from) loads when first opened.
const ImportDialog = lazy(() => import('./ImportDialog.js').then((m) => ({ default: m.ImportDialog })));

/** Sidebar entry "Import" (owners and editors) that opens the import dialog for the space. */
export function ImportButton({ space }: { space: Space }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!canEdit(space.role)) return null;
  return (
    <>
      <button className="side-link" onClick={() => setOpen(true)} aria-haspopup="dialog"><Upload size={16} aria-hidden /> {t('import.button')}</button>
      {open && <Suspense fallback={null}><ImportDialog space={space} onClose={() => setOpen(false)} /></Suspense>}
    </>
  );
}
