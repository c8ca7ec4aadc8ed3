import type { Response } from 'express';
import { streamFile } from '@dvc/storage';
import type { RelayedFile } from './citizen-results.service';

/**
 * Streams a relayed file to the citizen as a download under its issued name. The relay holds the
 * last piece back until the SHA-256 is right; if it is not, or processing breaks off, streamFile
 * cuts the connection, so the citizen never gets a complete file that is not the one issued.
 */
export async function sendDownload(res: Response, file: RelayedFile): Promise<void> {
  await streamFile(res, file, { contentType: file.contentType, filename: file.name, disposition: 'attachment' });
}
