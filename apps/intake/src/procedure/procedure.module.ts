import { Module } from '@nestjs/common';
import { ProcedureAdminController, ProcedureController } from './procedure.controller';
import { ProcedureRepository } from './procedure.repository';
import { ProcedureService } from './procedure.service';

@Module({
  controllers: [ProcedureController, ProcedureAdminController],
  providers: [ProcedureRepository, ProcedureService],
  exports: [ProcedureService],
})
export class ProcedureModule {}
