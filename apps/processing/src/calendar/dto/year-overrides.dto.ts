import { Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CalendarMessages } from '../calendar.errors';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = CalendarMessages.date;

export class DayOffSpanDto {
  @Matches(DATE, { message: DATE_MESSAGE }) from: string;
  @IsOptional() @Matches(DATE, { message: DATE_MESSAGE }) to?: string;
  @IsString() @Matches(/\S/) @MaxLength(200) nameVi: string;
  @IsString() @Matches(/\S/) @MaxLength(200) nameEn: string;
}

export class ExtraWorkingDayDto {
  @Matches(DATE, { message: DATE_MESSAGE }) date: string;
  @IsString() @Matches(/\S/) @MaxLength(200) nameVi: string;
  @IsString() @Matches(/\S/) @MaxLength(200) nameEn: string;
}

/** One year's notice for state agencies, as the Prime Minister publishes it. */
export class YearOverridesDto {
  @IsOptional() @IsIn([1, 3]) nationalDayAdjacent?: 1 | 3;
  @IsOptional()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => DayOffSpanDto)
  extraDaysOff?: DayOffSpanDto[];
  @IsOptional()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ExtraWorkingDayDto)
  extraWorkingDays?: ExtraWorkingDayDto[];
}
