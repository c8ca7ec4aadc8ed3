import { DynamicModule, Module } from '@nestjs/common';
import { resolve } from 'node:path';
import { OBJECT_STORAGE, storageFromConfig } from '@dvc/storage';
import type { ProcessingConfig } from '../config/processing.config';
import { ResultRepository } from '../case/results/result.repository';
import { SlipRepository } from '../case/slips/slip.repository';
import { DOCUMENT_SIGNER, loadDocumentSigner } from './document-signer';
import { InternalFilesController } from './internal-files.controller';

/**
 * What processing issues and keeps (ADR 0010): the agency's signer, the object storage of results
 * and slips (FILES_DIR or processing's own S3 bucket), the records that make a file servable, and
 * the internal endpoint intake fetches them from.
 */
@Module({})
export class FilesModule {
  /** The signer is loaded here, eagerly: a bad signing key stops the boot before Nest starts. */
  static forRoot(config: ProcessingConfig): DynamicModule {
    const signer = loadDocumentSigner(config);
    return {
      module: FilesModule,
      global: true,
      controllers: [InternalFilesController],
      providers: [
        { provide: DOCUMENT_SIGNER, useValue: signer },
        { provide: OBJECT_STORAGE, useFactory: () => storageFromConfig(config, resolve(config.FILES_DIR)) },
        ResultRepository,
        SlipRepository,
      ],
      exports: [DOCUMENT_SIGNER, OBJECT_STORAGE, ResultRepository, SlipRepository],
    };
  }
}
