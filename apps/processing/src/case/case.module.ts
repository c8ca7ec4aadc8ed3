import { Module } from '@nestjs/common';
import { CaseConsumer } from './case.consumer';
import { CaseController } from './case.controller';
import { CaseService } from './case.service';

@Module({
  controllers: [CaseController, CaseConsumer],
  providers: [CaseService],
})
export class CaseModule {}
