import { Transform } from 'class-transformer';
import { Allow, ArrayMaxSize, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CaseMessages } from '../case.errors';

/**
 * The form fields of issue_result beside its `files` parts (multipart), or its JSON body with the
 * ids of files uploaded ahead. The result is the files themselves: a `documents` list of names and
 * hashes is refused (an unknown field), and so is a request with no file at all.
 */
export class IssueResultDto {
  @IsOptional() @IsString() @MaxLength(2000) note?: string;

  /** Ids answered by POST /v1/cases/:code/result-files; a multipart form may repeat the field. */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? [value] : value))
  @ArrayMaxSize(50)
  @IsUUID('4', { each: true, message: CaseMessages.fileIds })
  fileIds?: string[];

  /** The former body (names and hashes): allowed through only to be refused with RESULT.FILE_REQUIRED's explanation. */
  @IsOptional() @Allow() documents?: unknown;
}
