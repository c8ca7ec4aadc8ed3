import { Module } from '@nestjs/common';
import { AttachmentModule } from '../attachment/attachment.module';
import { HousekeepingService } from './housekeeping.service';

@Module({ imports: [AttachmentModule], providers: [HousekeepingService] })
export class HousekeepingModule {}
