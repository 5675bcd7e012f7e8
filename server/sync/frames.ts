import * as ws from 'ws';

/** ws's framing, public in its module (`Sender.frame`) though not in its type declarations. */
type Frame = (data: Buffer, options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean }) => Buffer[];
const { Sender } = ws as unknown as { Sender: { frame: Frame } };

/**
 * A room sends one message to every socket in it (an update, a presence frame). ws frames it again for each socket
 * (header, options, two writes); here it is framed once, by ws's own `Sender.frame`, and the same bytes are written
 * to every socket in one write. Kept while the message is: a broadcast's sends all happen within one turn.
 *
 * Only for sockets whose ws sender never queues: no permessage-deflate (the server does not offer it) and no Blobs.
 */
const framed = new WeakMap<Uint8Array, Buffer>();

/** `message` as one unmasked binary WebSocket frame, as a server sends it (RFC 6455 §5.2). */
export function serverFrame(message: Uint8Array): Buffer {
  let frame = framed.get(message);
  if (!frame) {
    const data = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
    const parts = Sender.frame(data, { fin: true, opcode: 2, mask: false, readOnly: true, rsv1: false });
    frame = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    framed.set(message, frame);
  }
  return frame;
}
