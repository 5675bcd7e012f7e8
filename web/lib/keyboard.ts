/**
 * The keys that send a comment as this device has them: `⌘+Enter` on Apple's, `Ctrl+Enter` elsewhere, and none on a
 * touch-only device (a phone has no Ctrl; it sends with the button). For hints; the handlers accept either modifier.
 */
export function sendKeys(): string | null {
  if (typeof window === 'undefined') return 'Ctrl+Enter';
  const touchOnly = window.matchMedia?.('(pointer: coarse)').matches && !window.matchMedia?.('(any-pointer: fine)').matches;
  if (touchOnly) return null;
  return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent) ? '⌘+Enter' : 'Ctrl+Enter';
}
