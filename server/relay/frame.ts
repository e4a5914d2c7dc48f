/**
 * A binary WebSocket message framed once, for a broadcast.
 *
 * Owns: the frame a server sends (RFC 6455 §5.2: FIN, binary opcode, no mask, the length in
 * 7, 16 or 64 bits) as one buffer. ws frames every `send` anew and writes its header and the
 * data as two chunks (a corked `writev`); a broadcast of one update to a room's 40
 * connections can instead frame it once and write the same buffer to each socket (one plain
 * write each). Valid because the relay never compresses (`perMessageDeflate` off) and never
 * sends Blobs, so ws's sender never queues: its own frames (pings, replies, closes) and
 * these go out in the order they are written.
 */
export function binaryFrame(message: Uint8Array): Buffer {
  const length = message.byteLength;
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x82;
  if (header === 2) frame[1] = length;
  else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.set(message, header);
  return frame;
}
