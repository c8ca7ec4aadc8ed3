import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CaseConsumer } from './case.consumer';
import { CaseController } from './case.controller';
import { CaseService } from './case.service';

@Module({
  controllers: [CaseController, CaseConsumer],
  imports: [CalendarModule],
  providers: [CaseService],
})
export class CaseModule {}
