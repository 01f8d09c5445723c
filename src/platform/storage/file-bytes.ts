/**
 * Random access to a file's bytes, so that the content checks of an upload (type sniffing, the
 * ZIP directory at the end of a DOCX, the walk over a PNG's chunks) read only the parts they
 * need: from a Buffer in unit tests and the history import, from the chunk rows of a stored
 * file (`storedFileBytes` in file-store.ts) for uploads, which are never held whole in memory.
 */
export interface FileBytes {
  readonly size: number;
  /** The bytes from `start` up to `end` (clamped to the file), as a Buffer of its own or a view. */
  read(start: number, end: number): Promise<Buffer>;
}

export function bufferBytes(data: Buffer): FileBytes {
  return {
    size: data.length,
    read: async (start, end) => data.subarray(Math.max(0, start), Math.min(data.length, end)),
  };
}
