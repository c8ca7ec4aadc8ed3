import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { resolve } from 'node:path';
import { OBJECT_STORAGE, storageFromConfig } from '@dvc/storage';
import { IntakeConfig } from '../config/intake.config';
import { AttachmentController } from './attachment.controller';
import { AttachmentRepository } from './attachment.repository';
import { AttachmentService } from './attachment.service';

@Module({
  imports: [
    // Files are held in memory up to the configured limits, checked, then written to storage.
    MulterModule.registerAsync({
      inject: [IntakeConfig],
      useFactory: (config: IntakeConfig) => ({
        storage: memoryStorage(),
        // Busboy reads multipart file names as latin1 unless told otherwise: Vietnamese names
        // ("Tờ khai.pdf") would be stored garbled.
        defParamCharset: 'utf8',
        limits: {
          fileSize: config.ATTACHMENT_MAX_BYTES,
          files: config.ATTACHMENT_MAX_FILES,
          fields: 20,
          fieldSize: config.JSON_BODY_LIMIT_BYTES,
        },
      }),
    }),
  ],
  controllers: [AttachmentController],
  providers: [
    AttachmentRepository,
    AttachmentService,
    {
      provide: OBJECT_STORAGE,
      inject: [IntakeConfig],
      useFactory: (config: IntakeConfig) => storageFromConfig(config, resolve(config.ATTACHMENTS_DIR)),
    },
  ],
  exports: [AttachmentRepository, AttachmentService, MulterModule, OBJECT_STORAGE],
})
export class AttachmentModule {}
