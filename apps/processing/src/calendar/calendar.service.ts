import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@dvc/kernel';
import { YearOverridesDto } from './dto/year-overrides.dto';
import { PUBLISHED_YEAR_OVERRIDES, YearOverrides, yearDaysOff } from './vietnam-holidays';
import { WorkingCalendar } from './working-calendar';

/** Other replicas pick up an administrator's change within this time. */
const RELOAD_MS = 60_000;

/**
 * The working calendar in force: the rules, the notices published in the code, and the years an
 * administrator has entered since (for years whose notice the code does not carry yet).
 */
@Injectable()
export class CalendarService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(CalendarService.name);
  private overrides: Record<number, YearOverrides> = { ...PUBLISHED_YEAR_OVERRIDES };
  private current = new WorkingCalendar(this.overrides);
  private timer?: NodeJS.Timeout;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get calendar(): WorkingCalendar {
    return this.current;
  }

  async onModuleInit(): Promise<void> {
    await this.reload().catch((err: Error) => this.logger.warn({ msg: 'calendar years not loaded yet; published notices only', error: err.message }));
    this.timer = setInterval(() => void this.reload().catch(() => undefined), RELOAD_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async reload(): Promise<void> {
    const rows: { year: number; overrides: YearOverrides }[] = await this.dataSource.query('SELECT year, overrides FROM processing.calendar_years');
    const entered = Object.fromEntries(rows.map((r) => [r.year, r.overrides]));
    this.overrides = { ...entered, ...PUBLISHED_YEAR_OVERRIDES };
    this.current = new WorkingCalendar(this.overrides);
  }

  /** The year's days off and make-up working days as the calendar applies them. */
  year(year: number) {
    this.checkYear(year);
    const source = year in PUBLISHED_YEAR_OVERRIDES ? 'published_notice' : year in this.overrides ? 'entered_notice' : 'rules_only';
    const days = yearDaysOff(year, this.overrides[year] ?? {});
    return { year, source, daysOff: days.daysOff.map((d) => ({ date: d.iso, nameVi: d.nameVi, nameEn: d.nameEn, kind: d.kind })), extraWorkingDays: days.extraWorkingDays };
  }

  /** Enters (or replaces) a year's notice; the years the code already carries are not editable. */
  async setYear(year: number, dto: YearOverridesDto, adminId: string) {
    this.checkYear(year);
    if (year in PUBLISHED_YEAR_OVERRIDES) {
      throw new DomainError(
        'CALENDAR.YEAR_PUBLISHED',
        { vi: `Lịch nghỉ năm ${year} đã được công bố và không sửa được.`, en: `The ${year} notice is published and cannot be edited.` },
        { status: 409 },
      );
    }
    const outside = [...(dto.extraDaysOff ?? []).flatMap((d) => [d.from, d.to ?? d.from]), ...(dto.extraWorkingDays ?? []).map((d) => d.date)].filter((d) => !d.startsWith(`${year}-`));
    if (outside.length) {
      throw new DomainError('CALENDAR.DATE_OUTSIDE_YEAR', { vi: `Các ngày phải thuộc năm ${year}: ${outside.join(', ')}.`, en: `Dates must be in ${year}: ${outside.join(', ')}.` }, { status: 422 });
    }
    const overrides: YearOverrides = { ...dto };
    try {
      yearDaysOff(year, overrides); // an impossible date (30 February) is refused before anything is stored
    } catch (err) {
      throw new DomainError('CALENDAR.INVALID_DATE', { vi: `Ngày không hợp lệ: ${(err as Error).message}`, en: `Invalid date: ${(err as Error).message}` }, { status: 422 });
    }
    await this.dataSource.query(
      `INSERT INTO processing.calendar_years (year, overrides, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (year) DO UPDATE SET overrides = EXCLUDED.overrides, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [year, JSON.stringify(overrides), adminId],
    );
    await this.reload();
    return this.year(year);
  }

  private checkYear(year: number): void {
    if (!Number.isInteger(year) || year < 2021 || year > 2100) {
      throw new DomainError('CALENDAR.YEAR_OUT_OF_RANGE', { vi: 'Năm phải từ 2021 đến 2100.', en: 'The year must be 2021-2100.' }, { status: 400 });
    }
  }
}
