import { formatDistanceToNowStrict } from 'date-fns';

/** "3 minutes ago" for list rows; raw string when the server sent something unexpected. */
export function formatUpdated(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${formatDistanceToNowStrict(d)} ago`;
}
