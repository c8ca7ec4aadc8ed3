import { Module } from '@nestjs/common';
import { AttachmentModule } from '../attachment/attachment.module';
import { FilesController } from './files.controller';

/** intake's side of the internal file exchange: the documents applicants filed, for processing. */
@Module({ imports: [AttachmentModule], controllers: [FilesController] })
export class FilesModule {}
