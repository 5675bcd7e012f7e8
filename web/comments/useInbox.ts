import { useMutation, useQuery } from '@tanstack/react-query';
import { keys } from '../lib/data.js';
import { queryClient } from '../lib/queryClient.js';
import { notificationsApi } from './api.js';
import { useEventStream } from './useEventStream.js';

/** The signed-in user's notifications and unread count, kept live by their event stream (which marks them stale). */
export function useInbox() {
  const q = useQuery({ queryKey: keys.notifications(), queryFn: notificationsApi.list });
  useEventStream(null);
  const read = useMutation({
    mutationFn: notificationsApi.read,
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.notifications() }),
  });
  return { items: q.data?.items ?? [], unread: q.data?.unread ?? 0, markRead: read.mutateAsync };
}
