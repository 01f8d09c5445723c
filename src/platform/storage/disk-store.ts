import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { assertStorageKey, type AttachmentStore } from './store.js';

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';

/**
 * Attachments as files in a folder on local disk: `<dir>/<first two hex digits>/<key>`.
 *
 * A write goes to a temporary file beside its final place, is flushed to disk, and is then
 * renamed into place (atomic on one file system), so a reader never sees half a file and a
 * crash leaves at most a stray `.tmp` file. Keys are checked before any path is built.
 * With several app processes, `dir` must be a shared folder (or use an object store).
 */
export class DiskAttachmentStore implements AttachmentStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  private pathOf(key: string): { folder: string; file: string } {
    assertStorageKey(key);
    const folder = join(this.dir, key.slice(0, 2));
    return { folder, file: join(folder, key) };
  }

  async put(key: string, data: Buffer | Readable): Promise<void> {
    const { folder, file } = this.pathOf(key);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const temp = join(folder, `.${key}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(temp, 'wx', 0o600);
    try {
      try {
        if (Buffer.isBuffer(data)) {
          await handle.writeFile(data);
        } else {
          for await (const chunk of data) await handle.write(chunk as Buffer);
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (err) {
      await unlink(temp).catch(() => {});
      throw err;
    }
    // Make the rename itself durable. Not every platform can open a folder; the file is in place anyway.
    try {
      const dirHandle = await open(folder, 'r');
      try {
        await dirHandle.sync();
      } finally {
        await dirHandle.close();
      }
    } catch {
      /* best effort */
    }
  }

  async get(key: string): Promise<Readable | null> {
    const { file } = this.pathOf(key);
    try {
      const handle = await open(file, 'r');
      return handle.createReadStream();
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const { file } = this.pathOf(key);
    try {
      await unlink(file);
    } catch (err) {
      if (!isMissing(err)) throw err;
    }
  }
}
