import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { SubmitDossierDto } from './dto/submit-dossier.dto';
import { DossierService, DossierView } from './dossier.service';

@Controller('v1/dossiers')
export class DossierController {
  constructor(private readonly dossiers: DossierService) {}

  /** 202: the dossier is stored and queued for processing; its code is final. */
  @Post()
  @HttpCode(202)
  submit(@Body() dto: SubmitDossierDto): Promise<DossierView> {
    return this.dossiers.submit(dto);
  }

  @Get(':code')
  find(@Param('code') code: string): Promise<DossierView> {
    return this.dossiers.findByCode(code);
  }
}
