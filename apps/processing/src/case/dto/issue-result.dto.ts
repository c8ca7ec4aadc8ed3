import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { CaseMessages } from '../case.errors';

export class IssueResultDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  documentName: string;

  @Matches(/^[0-9a-f]{64}$/, { message: CaseMessages.issueResultSha256 })
  sha256: string;
}
