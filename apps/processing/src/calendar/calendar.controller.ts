import { Body, Controller, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { CurrentOfficer, type Officer, RequireRoles } from '@dvc/auth';
import { CalendarService } from './calendar.service';
import { YearOverridesDto } from './dto/year-overrides.dto';

@Controller('v1/calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  /** A year's days off and make-up working days, as deadlines use them. */
  @Get(':year')
  @RequireRoles('reception', 'specialist', 'leader', 'cashier', 'admin')
  year(@Param('year', ParseIntPipe) year: number) {
    return this.calendar.year(year);
  }

  /** An administrator enters the Prime Minister's notice for a year the code does not carry yet. */
  @Put(':year')
  @RequireRoles('admin')
  setYear(@Param('year', ParseIntPipe) year: number, @Body() dto: YearOverridesDto, @CurrentOfficer() admin: Officer) {
    return this.calendar.setYear(year, dto, admin.id);
  }
}
