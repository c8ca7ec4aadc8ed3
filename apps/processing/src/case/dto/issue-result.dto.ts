import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

export class IssueResultDto {
  @IsString() @IsNotEmpty() @MaxLength(300)
  documentName: string;

  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lowercase hex characters' })
  sha256: string;
}
