import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CaseMessages } from '../case.errors';

export class DocumentRefDto {
  @IsString() @Matches(/\S/) @MaxLength(300) name: string;
  @Matches(/^[0-9a-f]{64}$/, { message: CaseMessages.sha256 }) sha256: string;
}

/** What an officer sends with an action; which fields an action needs is checked by the service. */
export class CaseActionDto {
  /** Why (refusal, rejection, supplement request, stop), or a remark. */
  @IsOptional() @IsString() @MaxLength(2000) note?: string;

  /** request_supplement: the documents the applicant must add. */
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  items?: string[];

  /** apologize: the new return date promised to the applicant (ISO 8601), later than the current one. */
  @IsOptional() @IsISO8601({ strict: true }, { message: CaseMessages.newDueAt }) newDueAt?: string;

  /** assign: the specialist's officer id. */
  @IsOptional() @IsString() @MaxLength(100) assigneeId?: string;

  /** issue_result: the result files uploaded ahead (POST /v1/cases/:code/result-files). */
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('4', { each: true, message: CaseMessages.fileIds })
  fileIds?: string[];

  /** propose_result: the draft documents, by reference (an issued result is a file: fileIds). */
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DocumentRefDto)
  documents?: DocumentRefDto[];
}
