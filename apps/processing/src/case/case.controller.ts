import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CaseService, CaseView } from './case.service';
import { IssueResultDto } from './dto/issue-result.dto';

/**
 * Officers' actions of the walking skeleton. They are not yet behind officer authentication:
 * the processing issue adds JWT and roles before this service faces real officers.
 */
@Controller('v1/cases')
export class CaseController {
  constructor(private readonly cases: CaseService) {}

  @Get(':dossierCode')
  find(@Param('dossierCode') dossierCode: string): Promise<CaseView> {
    return this.cases.find(dossierCode);
  }

  @Post(':dossierCode/accept')
  accept(@Param('dossierCode') dossierCode: string): Promise<CaseView> {
    return this.cases.accept(dossierCode, 'skeleton-officer');
  }

  @Post(':dossierCode/issue-result')
  issueResult(@Param('dossierCode') dossierCode: string, @Body() dto: IssueResultDto): Promise<CaseView> {
    return this.cases.issueResult(dossierCode, dto);
  }
}
